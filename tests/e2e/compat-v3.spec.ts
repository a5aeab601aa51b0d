// The current Composio SDK (@composio/core 0.19.0, client 0.1.0-alpha.76), unchanged, against /api/v3.1.
// Telemetry off before the SDK loads (and allowTracking: false): it would report to Composio otherwise.
process.env.TELEMETRY_DISABLED = "true";
process.env.COMPOSIO_LOG_LEVEL ??= "warn";
process.env.COMPOSIO_LOGGING_LEVEL ??= "warn";
import { expect, test, type Page } from "@playwright/test";
import type { Composio as ComposioClient } from "@composio/core";
import { authorizeAtSandbox, keyHeaders } from "../support/e2e/api";
import {
  BASE_URL,
  BOOTSTRAP_KEY,
  errorText,
  freshUser,
  noteTitle,
  rejection,
  secondProjectKey,
} from "../support/e2e/compat";

const { Composio } = await import("@composio/core");
const { ComposioToolSet } = await import("composio-core");

const composio = (apiKey = BOOTSTRAP_KEY): ComposioClient =>
  new Composio({ apiKey, baseURL: BASE_URL, allowTracking: false, disableVersionCheck: true });

// Tools report version "latest"; @composio/core refuses "latest" for manual runs unless told.
const RUN = { dangerouslySkipVersionCheck: true } as const;

test.describe.configure({ mode: "serial" });

const user = freshUser("v3_user");
let sandboxAuthConfig = "";
let keyAuthConfig = "";
let oauthAccount = "";
let keyAccount = "";

/** As the end user: type the sandbox API key on the connect page. */
async function typeApiKey(page: Page, redirectUrl: string, apiKey: string) {
  await page.goto(redirectUrl);
  await page.getByLabel("API key").fill(apiKey);
  await page.getByRole("button", { name: /^Connect / }).click();
}

test("@composio/core – authConfigs.create, get, list, disable and enable (PATCH /auth_configs/{id}/{status})", async () => {
  const c = composio();
  const sandbox = await c.authConfigs.list({ toolkit: "sandbox" });
  const oauth = sandbox.items.find((a) => a.authScheme === "OAUTH2" && a.status === "ENABLED");
  expect(oauth?.id).toMatch(/^ac_/);
  sandboxAuthConfig = oauth!.id;

  const name = `v3 key ${Date.now()}`;
  const created = await c.authConfigs.create("sandbox_key", {
    type: "use_custom_auth",
    authScheme: "API_KEY",
    name,
    credentials: {},
  });
  expect(created).toMatchObject({
    authScheme: "API_KEY",
    isComposioManaged: false,
    toolkit: "sandbox_key",
  });
  keyAuthConfig = created.id;
  expect((await c.authConfigs.get(keyAuthConfig)).status).toBe("ENABLED");

  await c.authConfigs.disable(keyAuthConfig);
  expect((await c.authConfigs.get(keyAuthConfig)).status).toBe("DISABLED");
  const refused = await rejection(c.connectedAccounts.link(user, keyAuthConfig));
  expect(errorText(refused)).toContain(`Auth config ${keyAuthConfig} is disabled`);

  await c.authConfigs.enable(keyAuthConfig);
  expect((await c.authConfigs.get(keyAuthConfig)).status).toBe("ENABLED");
  const listed = await c.authConfigs.list({ toolkit: "sandbox_key" });
  expect(listed.items.map((a) => a.id)).toContain(keyAuthConfig);

  // A status other than ENABLED / DISABLED is a readable 400.
  const bad = await rejection(
    c.getClient().authConfigs.updateStatus("PAUSED" as "ENABLED", { nanoid: keyAuthConfig }),
  );
  expect((bad as { status?: number }).status).toBe(400);
  expect(errorText(bad)).toContain("status must be ENABLED or DISABLED");
});

test("@composio/core – connectedAccounts.link → end user authorizes → waitForConnection; list and get", async ({
  browser,
}) => {
  const c = composio();
  const request = await c.connectedAccounts.link(user, sandboxAuthConfig);
  expect(request.status).toBe("INITIATED");
  expect(request.redirectUrl).toMatch(new RegExp(`^${BASE_URL}/link/`));
  oauthAccount = request.id;

  const endUser = await browser.newContext();
  await authorizeAtSandbox(await endUser.newPage(), request.redirectUrl!, "bob");
  const active = await request.waitForConnection(60_000);
  await endUser.close();
  expect(active).toMatchObject({
    id: oauthAccount,
    status: "ACTIVE",
    toolkit: { slug: "sandbox" },
  });
  expect((await c.connectedAccounts.waitForConnection(oauthAccount, 10_000)).status).toBe("ACTIVE");

  const list = await c.connectedAccounts.list({ userIds: [user] });
  expect(list.items.map((a) => a.id)).toEqual([oauthAccount]);
  expect(list.items[0]).toMatchObject({
    status: "ACTIVE",
    isDisabled: false,
    toolkit: { slug: "sandbox" },
  });
  const one = await c.connectedAccounts.get(oauthAccount);
  expect(one).toMatchObject({
    id: oauthAccount,
    status: "ACTIVE",
    authConfig: { id: sandboxAuthConfig, isDisabled: false },
  });
  expect(JSON.stringify(one)).not.toMatch(/"access_token":"[A-Za-z0-9_-]{20,}/);

  // link() refuses a second account for the same user and auth config unless allowMultiple.
  expect(errorText(await rejection(c.connectedAccounts.link(user, sandboxAuthConfig)))).toContain(
    "allowMultiple",
  );
});

test("@composio/core – tools.execute by user id and by connected account id, and proxyExecute", async () => {
  const c = composio();
  const title = noteTitle("v3");
  const created = await c.tools.execute("SANDBOX_CREATE_A_NOTE", {
    userId: user,
    arguments: { title, body: "Written through @composio/core" },
    ...RUN,
  });
  expect(created.successful).toBe(true);
  expect(created.error).toBeNull();
  expect(created.data).toMatchObject({ title });

  const listed = await c.tools.execute("SANDBOX_LIST_NOTES", {
    connectedAccountId: oauthAccount,
    arguments: {},
    ...RUN,
  });
  expect(listed.successful).toBe(true);
  expect(JSON.stringify(listed.data)).toContain(title);

  const proxied = await c.tools.proxyExecute({
    endpoint: "/api/notes",
    method: "GET",
    connectedAccountId: oauthAccount,
    parameters: [{ in: "header", name: "x-trace", value: "compat" }],
  });
  expect(proxied.status).toBe(200);
  expect(JSON.stringify(proxied.data)).toContain(title);

  const invalid = await rejection(
    c.tools.execute("SANDBOX_CREATE_A_NOTE", {
      userId: user,
      arguments: { body: "no title" },
      ...RUN,
    }),
  );
  expect(errorText(invalid)).toContain("title: is required");
});

test("@composio/core – tools.get and getRawComposioToolBySlug describe the sandbox tools", async () => {
  const c = composio();
  const raw = await c.tools.getRawComposioToolBySlug("SANDBOX_CREATE_A_NOTE");
  expect(raw).toMatchObject({
    slug: "SANDBOX_CREATE_A_NOTE",
    toolkit: { slug: "sandbox" },
    inputParameters: {
      type: "object",
      properties: { title: { type: "string" } },
      required: ["title"],
    },
  });
  const tools = (await c.tools.get(user, { toolkits: ["sandbox"] })) as Array<{
    function: { name: string };
  }>;
  const names = tools.map((t) => t.function.name);
  expect(names).toEqual(
    expect.arrayContaining([
      "SANDBOX_CREATE_A_NOTE",
      "SANDBOX_LIST_NOTES",
      "SANDBOX_DELETE_A_NOTE",
    ]),
  );
  expect(names.some((n) => n.startsWith("SANDBOX_KEY_"))).toBe(false);
});

test("@composio/core – a disabled account cannot execute (and says so); enabled again it can", async () => {
  const c = composio();
  await c.connectedAccounts.disable(oauthAccount);
  expect(await c.connectedAccounts.get(oauthAccount)).toMatchObject({
    status: "INACTIVE",
    isDisabled: true,
  });
  const byId = await rejection(
    c.tools.execute("SANDBOX_LIST_NOTES", {
      connectedAccountId: oauthAccount,
      arguments: {},
      ...RUN,
    }),
  );
  expect(errorText(byId)).toContain(
    `Connected account ${oauthAccount} is disabled; enable it to use it`,
  );
  const byUser = await rejection(
    c.tools.execute("SANDBOX_LIST_NOTES", { userId: user, arguments: {}, ...RUN }),
  );
  expect(errorText(byUser)).toContain(
    `Entity "${user}" has no active connection for app "sandbox"`,
  );

  await c.connectedAccounts.enable(oauthAccount);
  expect((await c.connectedAccounts.get(oauthAccount)).status).toBe("ACTIVE");
  expect(
    (await c.tools.execute("SANDBOX_LIST_NOTES", { userId: user, arguments: {}, ...RUN }))
      .successful,
  ).toBe(true);
});

test("@composio/core – an API-key account: the end user types the key; PATCH replaces it only when the app accepts it", async ({
  browser,
}) => {
  const c = composio();
  const keyUser = freshUser("v3_key");
  const request = await c.connectedAccounts.link(keyUser, keyAuthConfig);
  keyAccount = request.id;
  const endUser = await browser.newContext();
  const page = await endUser.newPage();
  await typeApiKey(page, request.redirectUrl!, "sbx_demo_key");
  await expect(page.getByRole("heading", { name: "Connected" })).toBeVisible();
  await endUser.close();
  expect((await request.waitForConnection(10_000)).status).toBe("ACTIVE");

  const client = c.getClient();
  const refused = await rejection(
    client.connectedAccounts.patch(keyAccount, {
      connection: { state: { authScheme: "API_KEY", val: { api_key: "sbx_not_valid" } } },
    }),
  );
  expect((refused as { status?: number }).status).toBe(400);
  expect(errorText(refused)).toContain("refused the credential (HTTP 401); nothing was stored");
  // The old key is still in place and works.
  expect(
    (
      await c.tools.execute("SANDBOX_KEY_LIST_NOTES", {
        connectedAccountId: keyAccount,
        arguments: {},
        ...RUN,
      })
    ).successful,
  ).toBe(true);

  const updated = await client.connectedAccounts.patch(keyAccount, {
    connection: { state: { authScheme: "API_KEY", val: { api_key: "sbx_demo_key" } } },
  });
  expect(updated).toMatchObject({ id: keyAccount, status: "ACTIVE", success: true });

  // New credentials do not re-enable a disabled account.
  await c.connectedAccounts.disable(keyAccount);
  const whileDisabled = await client.connectedAccounts.patch(keyAccount, {
    connection: { state: { authScheme: "API_KEY", val: { api_key: "sbx_demo_key" } } },
  });
  expect(whileDisabled.status).toBe("INACTIVE");
  expect(await c.connectedAccounts.get(keyAccount)).toMatchObject({
    status: "INACTIVE",
    isDisabled: true,
  });
  await c.connectedAccounts.enable(keyAccount);
  expect((await c.connectedAccounts.get(keyAccount)).status).toBe("ACTIVE");

  const wrongScheme = await rejection(
    client.connectedAccounts.patch(keyAccount, {
      connection: { state: { authScheme: "BEARER_TOKEN", val: { token: "x" } } },
    }),
  );
  expect(errorText(wrongScheme)).toContain(
    `Connected account ${keyAccount} uses API_KEY, not BEARER_TOKEN`,
  );
  const oauthPatch = await rejection(
    client.connectedAccounts.patch(oauthAccount, {
      connection: { state: { authScheme: "API_KEY", val: { api_key: "sbx_demo_key" } } },
    }),
  );
  expect(errorText(oauthPatch)).toContain("OAUTH2");
});

test("@composio/core – connectedAccounts.initiate returns the connect link (Composio reads connectionData.val.redirectUrl)", async () => {
  const request = await composio().connectedAccounts.initiate(
    freshUser("v3_initiate"),
    sandboxAuthConfig,
  );
  expect(request.status).toBe("INITIATED");
  expect(request.redirectUrl).toContain("/link/");
});

test("@composio/core – connectedAccounts.initiate with an API key (config.val) is ACTIVE at once", async () => {
  const c = composio();
  const request = await c.connectedAccounts.initiate(freshUser("v3_initiate_key"), keyAuthConfig, {
    config: { authScheme: "API_KEY", val: { api_key: "sbx_demo_key" } } as never,
  });
  await c.connectedAccounts.delete(request.id);
  expect(request.status).toBe("ACTIVE");
});

test("both faces agree – an account made through @composio/core reads the same through composio-core, and back", async () => {
  const legacy = new ComposioToolSet({ apiKey: BOOTSTRAP_KEY, baseUrl: BASE_URL });
  const seen = (await legacy.connectedAccounts.get({
    connectedAccountId: oauthAccount,
  })) as unknown as Record<string, unknown>;
  expect(seen).toMatchObject({
    id: oauthAccount,
    status: "ACTIVE",
    appName: "sandbox",
    entityId: user,
    integrationId: sandboxAuthConfig,
  });

  const legacyUser = freshUser("v3_from_legacy");
  const made = await (
    await legacy.getEntity(legacyUser)
  ).initiateConnection({
    appName: "sandbox_key",
    connectionParams: { api_key: "sbx_demo_key" },
  });
  const v3 = await composio().connectedAccounts.get(made.connectedAccountId);
  expect(v3).toMatchObject({
    id: made.connectedAccountId,
    status: made.connectionStatus,
    toolkit: { slug: "sandbox_key" },
  });
  await composio().connectedAccounts.delete(made.connectedAccountId);
});

test("@composio/core errors – wrong key 401, unknown account 404, another project's account 404, with Keyport's message", async ({
  browser,
}) => {
  const wrong = await rejection(
    composio(`kp_live_${"x".repeat(40)}`).connectedAccounts.list({ userIds: [user] }),
  );
  expect((wrong as { status?: number }).status).toBe(401);
  expect(errorText(wrong)).toContain("Invalid or revoked API key");

  const unknown = await rejection(composio().connectedAccounts.get("ca_doesNotExist0000000"));
  expect((unknown as { status?: number }).status).toBe(404);
  expect(errorText(unknown)).toContain("Connected account not found");

  const b = composio(await secondProjectKey(browser));
  const foreign = await rejection(b.connectedAccounts.get(oauthAccount));
  expect((foreign as { status?: number }).status).toBe(404);
  expect(errorText(foreign)).toContain("Connected account not found");
  expect(
    errorText(
      await rejection(
        b.tools.execute("SANDBOX_LIST_NOTES", {
          connectedAccountId: oauthAccount,
          arguments: {},
          ...RUN,
        }),
      ),
    ),
  ).toContain("not found");
  expect((await b.connectedAccounts.list({ userIds: [user] })).items).toHaveLength(0);
  expect(
    ((await rejection(b.authConfigs.get(sandboxAuthConfig))) as { status?: number }).status,
  ).toBe(404);
});

test("@composio/core – delete revokes and erases; the account is gone on both faces", async ({
  request,
}) => {
  const c = composio();
  for (const id of [oauthAccount, keyAccount]) {
    await c.connectedAccounts.delete(id);
    expect(((await rejection(c.connectedAccounts.get(id))) as { status?: number }).status).toBe(
      404,
    );
    const legacy = await request.get(`/api/v1/connectedAccounts/${id}`, { headers: keyHeaders() });
    expect(legacy.status()).toBe(404);
    expect(((await legacy.json()) as { message: string }).message).toBe(
      "Connected account not found",
    );
  }
  await c.authConfigs.delete(keyAuthConfig);
});

test("GET /api/v3.1/openapi.json – an OpenAPI 3.1 document of every v3.1 route, generated from the zod schemas", async ({
  request,
}) => {
  const res = await request.get("/api/v3.1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as {
    openapi: string;
    paths: Record<
      string,
      Record<string, { requestBody?: unknown; parameters?: Array<{ name: string }> }>
    >;
    components: {
      securitySchemes: Record<string, unknown>;
      schemas: Record<string, { required?: string[] }>;
    };
    security: unknown[];
  };
  expect(doc.openapi).toBe("3.1.0");
  const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
  expect(routes).toEqual(
    expect.arrayContaining([
      "GET /api/v3.1/toolkits",
      "GET /api/v3.1/toolkits/{slug}",
      "GET /api/v3.1/tools",
      "GET /api/v3.1/tools/{slug}",
      "POST /api/v3.1/tools/execute/{slug}",
      "POST /api/v3.1/tools/execute/proxy",
      "GET /api/v3.1/auth_configs",
      "POST /api/v3.1/auth_configs",
      "GET /api/v3.1/auth_configs/{id}",
      "PATCH /api/v3.1/auth_configs/{id}",
      "DELETE /api/v3.1/auth_configs/{id}",
      "PATCH /api/v3.1/auth_configs/{id}/{status}",
      "GET /api/v3.1/connected_accounts",
      "POST /api/v3.1/connected_accounts",
      "POST /api/v3.1/connected_accounts/link",
      "GET /api/v3.1/connected_accounts/{id}",
      "PATCH /api/v3.1/connected_accounts/{id}",
      "DELETE /api/v3.1/connected_accounts/{id}",
      "PATCH /api/v3.1/connected_accounts/{id}/status",
      "POST /api/v3.1/connected_accounts/{id}/refresh",
    ]),
  );
  expect(doc.components.securitySchemes.ApiKey).toEqual({
    type: "apiKey",
    in: "header",
    name: "x-api-key",
  });
  expect(doc.security).toContainEqual({ ApiKey: [] });
  expect(doc.components.schemas.CreateConnectLinkRequest?.required).toEqual([
    "auth_config_id",
    "user_id",
  ]);
  expect(doc.paths["/api/v3.1/connected_accounts"]?.get?.parameters?.map((p) => p.name)).toEqual(
    expect.arrayContaining(["user_ids", "toolkit_slugs", "statuses", "limit", "cursor"]),
  );
});
