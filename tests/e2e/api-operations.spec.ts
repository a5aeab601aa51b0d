// Every v3.1 operation the OpenAPI document declares answers what the document says: each call
// below is checked against the served document's schema for its status (2xx → the operation's
// response, 4xx → Error), with additional properties refused, and the run fails if an operation
// was never seen answering successfully. A route that drifts from its declaration fails here.
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { authConfigId, authorizeAtSandbox, keyHeaders, sandboxStats } from "../support/e2e/api";
import { freshUser } from "../support/e2e/compat";

test.describe.configure({ mode: "serial" });

interface Doc {
  paths: Record<
    string,
    Record<string, { operationId: string; responses: Record<string, { content?: unknown }> }>
  >;
  components: { schemas: Record<string, object> };
}

type Checked = { status: number; body: Record<string, unknown> };

let doc: Doc;
const validators = new Map<string, ValidateFunction>();
const seen = new Set<string>();

/** The document's schema for an operation's answer with this status. */
function validator(method: string, template: string, status: number): ValidateFunction {
  const key = `${method} ${template} ${status}`;
  const known = validators.get(key);
  if (known) return known;
  const op = doc.paths[template]?.[method.toLowerCase()];
  expect(op, `${method} ${template} is documented`).toBeTruthy();
  const response = op!.responses[String(status)];
  expect(response, `${method} ${template} documents status ${status}`).toBeTruthy();
  const ref = (
    response!.content as { "application/json": { schema: { $ref: string } } } | undefined
  )?.["application/json"].schema.$ref;
  const name = ref?.replace("#/components/schemas/", "") ?? "";
  const schema = doc.components.schemas[name];
  expect(schema, `schema ${name}`).toBeTruthy();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const fn = ajv.compile(schema!);
  validators.set(key, fn);
  return fn;
}

/** The document's path template a concrete path belongs to (literal segments win). */
function templateOf(path: string): string {
  const segments = path.split("?")[0]!.split("/");
  const candidates = Object.keys(doc.paths).filter((t) => {
    const parts = t.split("/");
    return (
      parts.length === segments.length &&
      parts.every((p, i) => p.startsWith("{") || p === segments[i])
    );
  });
  const literalCount = (t: string) => t.split("/").filter((p) => !p.startsWith("{")).length;
  candidates.sort((a, b) => literalCount(b) - literalCount(a));
  expect(candidates[0], `a documented path for ${path}`).toBeTruthy();
  return candidates[0]!;
}

/** Send a request and check its answer against the document. */
async function call(
  request: APIRequestContext,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  data?: unknown,
  headers: Record<string, string> = keyHeaders(),
): Promise<Checked> {
  const res: APIResponse = await request.fetch(path, { method, headers, data });
  const status = res.status();
  const body = (await res.json()) as Record<string, unknown>;
  const template = templateOf(path);
  const validate = validator(method, template, status >= 400 ? status : status);
  expect(
    validate(body),
    `${method} ${path} → ${status} matches the document: ${JSON.stringify(validate.errors?.slice(0, 3))}`,
  ).toBe(true);
  if (status < 300) seen.add(`${method} ${template}`);
  return { status, body };
}

test.beforeAll(async ({ request }) => {
  const res = await request.get("/api/v3.1/openapi.json");
  expect(res.status()).toBe(200);
  doc = (await res.json()) as Doc;
});

test("catalog operations answer as documented", async ({ request }) => {
  const toolkits = await call(request, "GET", "/api/v3.1/toolkits");
  expect((toolkits.body.items as unknown[]).length).toBeGreaterThan(10);
  await call(request, "GET", "/api/v3.1/toolkits?category=developer-tools&search=git");
  await call(request, "GET", "/api/v3.1/toolkits/github");
  expect((await call(request, "GET", "/api/v3.1/toolkits/no-such-app")).status).toBe(404);
  const tools = await call(request, "GET", "/api/v3.1/tools?toolkit_slug=github&limit=3");
  expect(tools.body.total_items).toBeGreaterThan(1000);
  await call(request, "GET", "/api/v3.1/tools?toolkit_slugs=sandbox&toolkit_slugs=github&limit=2");
  await call(request, "GET", "/api/v3.1/tools?search=issue&tags[]=issues&limit=2");
  await call(request, "GET", "/api/v3.1/tools/GITHUB_CREATE_AN_ISSUE");
  expect((await call(request, "GET", "/api/v3.1/tools?limit=abc")).status).toBe(400);
  await call(request, "GET", "/api/v3.1/openapi.json", undefined, {});
});

test("auth config operations answer as documented", async ({ request }) => {
  const created = await call(request, "POST", "/api/v3.1/auth_configs", {
    toolkit: { slug: "sandbox_key" },
    auth_config: { type: "use_custom_auth", authScheme: "API_KEY", name: "operations spec" },
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  await call(request, "GET", "/api/v3.1/auth_configs?toolkit_slug=sandbox_key");
  await call(request, "GET", `/api/v3.1/auth_configs/${id}`);
  await call(request, "PATCH", `/api/v3.1/auth_configs/${id}`, { name: "operations spec 2" });
  await call(request, "PATCH", `/api/v3.1/auth_configs/${id}/disabled`);
  await call(request, "PATCH", `/api/v3.1/auth_configs/${id}/ENABLED`);
  expect((await call(request, "PATCH", `/api/v3.1/auth_configs/${id}/paused`)).status).toBe(400);
  await call(request, "DELETE", `/api/v3.1/auth_configs/${id}`);
  expect((await call(request, "GET", `/api/v3.1/auth_configs/${id}`)).status).toBe(404);
});

test("connected account and execute operations answer as documented", async ({
  request,
  browser,
}) => {
  const keyConfig = await authConfigId(request, "sandbox_key");
  const keyUser = freshUser("ops_key");
  const key = await call(request, "POST", "/api/v3.1/connected_accounts", {
    auth_config: { id: keyConfig },
    connection: { user_id: keyUser, data: { api_key: "sbx_demo_key" } },
  });
  expect(key.body.status).toBe("ACTIVE");
  const keyId = key.body.id as string;

  await call(request, "GET", `/api/v3.1/connected_accounts?user_ids=${keyUser}&statuses=active`);
  await call(
    request,
    "GET",
    "/api/v3.1/connected_accounts?toolkit_slugs=sandbox_key,sandbox&order_direction=asc&limit=2",
  );
  expect(
    (await call(request, "GET", "/api/v3.1/connected_accounts?statuses=sleeping")).status,
  ).toBe(400);
  await call(request, "GET", `/api/v3.1/connected_accounts/${keyId}`);
  await call(request, "PATCH", `/api/v3.1/connected_accounts/${keyId}`, {
    connection: { state: { authScheme: "API_KEY", val: { api_key: "sbx_demo_key" } } },
  });
  await call(request, "PATCH", `/api/v3.1/connected_accounts/${keyId}/status`, { enabled: false });
  await call(request, "PATCH", `/api/v3.1/connected_accounts/${keyId}/status`, { enabled: true });

  const ran = await call(request, "POST", "/api/v3.1/tools/execute/SANDBOX_KEY_CREATE_A_NOTE", {
    user_id: keyUser,
    arguments: { title: "operations spec" },
  });
  expect(ran.body.successful).toBe(true);
  await call(request, "POST", "/api/v3.1/tools/execute/SANDBOX_KEY_LIST_NOTES", {
    connected_account_id: keyId,
  });
  expect(
    (await call(request, "POST", "/api/v3.1/tools/execute/SANDBOX_KEY_LIST_NOTES", {})).status,
  ).toBe(400);
  await call(request, "POST", "/api/v3.1/tools/execute/proxy", {
    connected_account_id: keyId,
    endpoint: "/api/me",
    method: "GET",
  });

  // An OAuth account: link, the end user consents at the sandbox, then a refresh.
  const oauthUser = freshUser("ops_oauth");
  const link = await call(request, "POST", "/api/v3.1/connected_accounts/link", {
    auth_config_id: await authConfigId(request, "sandbox"),
    user_id: oauthUser,
  });
  expect(link.status).toBe(201);
  const context = await browser.newContext();
  const page = await context.newPage();
  await authorizeAtSandbox(page, link.body.redirect_url as string, oauthUser);
  await expect(page.getByRole("heading", { name: "Connected" })).toBeVisible();
  await context.close();
  const oauthId = link.body.connected_account_id as string;
  const refreshed = await call(request, "POST", `/api/v3.1/connected_accounts/${oauthId}/refresh`);
  expect(refreshed.body.status).toBe("ACTIVE");
  const initiated = await call(request, "POST", "/api/v3.1/connected_accounts", {
    auth_config: { id: await authConfigId(request, "sandbox") },
    connection: { user_id: freshUser("ops_initiate") },
  });
  expect(initiated.body.status).toBe("INITIATED");

  await call(request, "DELETE", `/api/v3.1/connected_accounts/${oauthId}`);
  await call(request, "DELETE", `/api/v3.1/connected_accounts/${keyId}?revoke_on_delete=false`);
  expect((await call(request, "GET", `/api/v3.1/connected_accounts/${keyId}`)).status).toBe(404);
});

test("DELETE /api/v3.1/entities/{user_id} – erases the entity: connections revoked upstream and deleted, execution log gone", async ({
  request,
  browser,
}) => {
  const user = freshUser("ops_erase");
  const key = await call(request, "POST", "/api/v3.1/connected_accounts", {
    auth_config: { id: await authConfigId(request, "sandbox_key") },
    connection: { user_id: user, data: { api_key: "sbx_demo_key" } },
  });
  const link = await call(request, "POST", "/api/v3.1/connected_accounts/link", {
    auth_config_id: await authConfigId(request, "sandbox"),
    user_id: user,
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  await authorizeAtSandbox(page, link.body.redirect_url as string, user);
  await expect(page.getByRole("heading", { name: "Connected" })).toBeVisible();
  await context.close();
  const executed = await call(request, "POST", "/api/v3.1/tools/execute/SANDBOX_KEY_LIST_NOTES", {
    user_id: user,
    arguments: {},
  });
  expect(executed.body.successful).toBe(true);

  const revocationsBefore = (await sandboxStats(request)).revocations;
  const erased = await call(request, "DELETE", `/api/v3.1/entities/${user}`);
  expect(erased.status).toBe(200);
  expect(erased.body).toMatchObject({
    user_id: user,
    erased: true,
    connections_deleted: 2,
    revoked: 1,
    revoke_failed: [],
  });
  expect(erased.body.executions_deleted).toBeGreaterThanOrEqual(1);
  // The OAuth connection's access and refresh tokens were revoked at the provider.
  expect((await sandboxStats(request)).revocations - revocationsBefore).toBe(2);
  for (const id of [key.body.id, link.body.connected_account_id])
    expect(
      (await call(request, "GET", `/api/v3.1/connected_accounts/${id as string}`)).status,
    ).toBe(404);
  const left = await call(request, "GET", `/api/v3.1/connected_accounts?user_ids=${user}`);
  expect(left.body.items).toEqual([]);
  // Gone: a second erasure, an unknown entity and an over-long id are 4xx, never 5xx.
  expect((await call(request, "DELETE", `/api/v3.1/entities/${user}`)).status).toBe(404);
  expect((await call(request, "DELETE", `/api/v3.1/entities/${"x".repeat(300)}`)).status).toBe(400);
});

test("webhook subscription operations answer as documented", async ({ request }) => {
  await call(request, "GET", "/api/v3.1/webhook_subscriptions/event_types");
  const created = await call(request, "POST", "/api/v3.1/webhook_subscriptions", {
    webhook_url: "https://example.com/operations-spec",
    enabled_events: ["connection.active", "composio.connected_account.expired"],
    description: "operations spec",
  });
  expect(created.status).toBe(201);
  expect(created.body.secret).toMatch(/^whsec_/);
  const id = created.body.id as string;
  await call(request, "GET", "/api/v3.1/webhook_subscriptions");
  const got = await call(request, "GET", `/api/v3.1/webhook_subscriptions/${id}`);
  expect(got.body.secret).toBeUndefined();
  await call(request, "PATCH", `/api/v3.1/webhook_subscriptions/${id}`, { enabled: false });
  const rotated = await call(
    request,
    "POST",
    `/api/v3.1/webhook_subscriptions/${id}/rotate_secret`,
  );
  expect(rotated.body.secret).toMatch(/^whsec_/);
  expect(rotated.body.secret).not.toBe(created.body.secret);
  expect(
    (
      await call(request, "POST", "/api/v3.1/webhook_subscriptions", {
        webhook_url: "https://example.com/x",
        enabled_events: ["no.such_event"],
      })
    ).status,
  ).toBe(400);
  await call(request, "DELETE", `/api/v3.1/webhook_subscriptions/${id}`);
  expect((await call(request, "GET", `/api/v3.1/webhook_subscriptions/${id}`)).status).toBe(404);
});

test("tool router session operations answer as documented", async ({ request }) => {
  const created = await call(request, "POST", "/api/v3.1/tool_router/session", {
    user_id: freshUser("ops_mcp"),
    toolkits: ["sandbox"],
    expires_in: 600,
  });
  expect(created.status).toBe(201);
  const id = created.body.session_id as string;
  await call(request, "GET", `/api/v3.1/tool_router/session/${id}`);
  expect(
    (await call(request, "POST", "/api/v3.1/tool_router/session", { user_id: "" })).status,
  ).toBe(400);
  await call(request, "DELETE", `/api/v3.1/tool_router/session/${id}`);
});

test("every documented operation was seen answering successfully", () => {
  const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
  expect(documented.filter((op) => !seen.has(op))).toEqual([]);
});
