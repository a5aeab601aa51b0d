// The legacy Composio SDK (composio-core 0.5.39), unchanged, against Keyport's /api/v1 and /api/v2.
// Telemetry off before the SDK loads: it would send the key and inputs to Composio from a child process.
process.env.TELEMETRY_DISABLED = "true";
process.env.COMPOSIO_LOGGING_LEVEL ??= "warn";
import { expect, test } from "@playwright/test";
import type { ComposioToolSet as ToolSet } from "composio-core";
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

const { ComposioToolSet, LangchainToolSet, OpenAIToolSet } = await import("composio-core");

const ENTITY = "user_7a9f3b_db_id";
const toolset = (apiKey = BOOTSTRAP_KEY): ToolSet =>
  new ComposioToolSet({ apiKey, baseUrl: BASE_URL });

type Account = {
  id: string;
  status: string;
  appName: string;
  enabled?: boolean;
  isDisabled?: boolean;
};
type ExecuteResult = {
  data: Record<string, unknown>;
  error?: string | null;
  successful: boolean;
  connectedAccountId?: string;
};

test.describe.configure({ mode: "serial" });

let oauthAccountId = "";

test("composio-core seed flow – initiateConnection(sandbox) → end user authorizes → waitUntilActive → executeAction creates a note", async ({
  browser,
}) => {
  const ts = toolset();
  const entity = await ts.getEntity(ENTITY);
  const request = await entity.initiateConnection({ appName: "sandbox" });
  expect(request.connectionStatus).toBe("INITIATED");
  expect(request.redirectUrl).toMatch(new RegExp(`^${BASE_URL}/link/[A-Za-z0-9_-]{40,}$`));
  expect(request.connectedAccountId).toMatch(/^ca_/);

  const endUser = await browser.newContext();
  const page = await endUser.newPage();
  await authorizeAtSandbox(page, request.redirectUrl!, "alice");
  await expect(page.getByRole("heading", { name: "Connected" })).toBeVisible();
  await endUser.close();

  const active = (await request.waitUntilActive(60)) as unknown as Account;
  expect(active.id).toBe(request.connectedAccountId);
  expect(active.status).toBe("ACTIVE");
  oauthAccountId = active.id;

  const title = noteTitle("Seed flow");
  const created = (await ts.executeAction({
    action: "SANDBOX_CREATE_A_NOTE",
    params: { title, body: "Written through composio-core" },
    entityId: ENTITY,
  })) as ExecuteResult;
  expect(created.error ?? null).toBeNull();
  expect(created.successful).toBe(true);
  expect(created.data).toMatchObject({ title, body: "Written through composio-core" });
  // The SDK picked the newest ACTIVE sandbox account of the entity: this one.
  expect(created.connectedAccountId).toBe(oauthAccountId);

  const listed = (await ts.executeAction({
    action: "SANDBOX_LIST_NOTES",
    params: {},
    entityId: ENTITY,
  })) as ExecuteResult;
  expect(listed.successful).toBe(true);
  expect(JSON.stringify(listed.data)).toContain(title);
});

test("composio-core – connectedAccounts.list({entityId}) and get({connectedAccountId}) show the account", async () => {
  const ts = toolset();
  const list = (await ts.connectedAccounts.list({ entityId: ENTITY })) as unknown as {
    items: Account[];
    page: number;
    totalPages: number;
  };
  const item = list.items.find((a) => a.id === oauthAccountId);
  expect(item).toMatchObject({ appName: "sandbox", status: "ACTIVE", enabled: true });
  expect(list.page).toBe(1);

  const one = (await ts.connectedAccounts.get({
    connectedAccountId: oauthAccountId,
  })) as unknown as Record<string, unknown>;
  expect(one).toMatchObject({
    id: oauthAccountId,
    appName: "sandbox",
    appUniqueId: "sandbox",
    entityId: ENTITY,
    clientUniqueUserId: ENTITY,
    status: "ACTIVE",
    enabled: true,
    isDisabled: false,
  });
  expect(one.integrationId).toMatch(/^ac_/);
  // Masked hints only: nothing usable as a token.
  expect(JSON.stringify(one)).not.toMatch(/"access_token":"[A-Za-z0-9_-]{20,}/);

  const filtered = (await ts.connectedAccounts.list({
    entityId: ENTITY,
    appNames: "sandbox_key",
  })) as unknown as {
    items: Account[];
  };
  expect(filtered.items.every((a) => a.appName === "sandbox_key")).toBe(true);
});

test("composio-core – initiateConnection({integrationId}) takes the app from the integration", async () => {
  const ts = toolset();
  const integrations = (await ts.integrations.list({ appName: "sandbox" })) as unknown as {
    items: Array<{ id: string; appName: string }>;
  };
  const integrationId = integrations.items[0]?.id;
  expect(integrationId).toMatch(/^ac_/);
  const integration = (await ts.integrations.get({
    integrationId: integrationId!,
  })) as unknown as Record<string, unknown>;
  expect(integration).toMatchObject({
    id: integrationId,
    appName: "sandbox",
    authScheme: "OAUTH2",
    enabled: true,
  });
  expect(JSON.stringify(integration)).not.toMatch(/client_secret"\s*:\s*"/);

  const entity = await ts.getEntity(freshUser("legacy_by_integration"));
  const request = await entity.initiateConnection({ integrationId: integrationId! });
  expect(request.connectionStatus).toBe("INITIATED");
  expect(request.redirectUrl).toContain("/link/");
  const account = (await ts.connectedAccounts.get({
    connectedAccountId: request.connectedAccountId,
  })) as unknown as Record<string, unknown>;
  expect(account).toMatchObject({ appName: "sandbox", integrationId, status: "INITIATED" });
  await ts.connectedAccounts.delete({ connectedAccountId: request.connectedAccountId });
});

test("composio-core – an API-key app is ACTIVE at once; disabled it cannot execute; enabled it can; deleted it is gone", async () => {
  const ts = toolset();
  const user = freshUser("legacy_key");
  const entity = await ts.getEntity(user);
  const request = await entity.initiateConnection({
    appName: "sandbox_key",
    connectionParams: { api_key: "sbx_demo_key" },
  });
  expect(request.connectionStatus).toBe("ACTIVE");
  expect(request.redirectUrl).toBeUndefined();
  const id = request.connectedAccountId;

  const me = (await ts.executeAction({
    action: "SANDBOX_KEY_GET_THE_AUTHENTICATED_USER",
    params: {},
    entityId: user,
  })) as ExecuteResult;
  expect(me.successful).toBe(true);

  await ts.connectedAccounts.disable({ connectedAccountId: id });
  const disabled = (await ts.connectedAccounts.get({
    connectedAccountId: id,
  })) as unknown as Record<string, unknown>;
  expect(disabled).toMatchObject({
    status: "ACTIVE",
    keyportStatus: "INACTIVE",
    enabled: false,
    isDisabled: true,
  });
  const visible = (await ts.connectedAccounts.list({ entityId: user })) as unknown as {
    items: Account[];
  };
  expect(visible.items.map((a) => a.id)).not.toContain(id);
  const all = (await ts.connectedAccounts.list({
    entityId: user,
    showDisabled: true,
  })) as unknown as { items: Account[] };
  expect(all.items.map((a) => a.id)).toContain(id);

  // By entity: the SDK finds no usable account. By id: Keyport says why.
  const byEntity = await rejection(
    ts.executeAction({
      action: "SANDBOX_KEY_GET_THE_AUTHENTICATED_USER",
      params: {},
      entityId: user,
    }),
  );
  expect(byEntity.errCode).toBe("SDK::NO_CONNECTED_ACCOUNT_FOUND");
  expect(byEntity.message).toContain("sandbox_key");
  const byId = await rejection(
    ts.executeAction({
      action: "SANDBOX_KEY_GET_THE_AUTHENTICATED_USER",
      params: {},
      connectedAccountId: id,
    }),
  );
  expect(byId.errCode).toBe("BACKEND::BAD_REQUEST");
  expect(errorText(byId)).toContain(`Connected account ${id} is disabled; enable it to use it`);

  await ts.connectedAccounts.enable({ connectedAccountId: id });
  const again = (await ts.executeAction({
    action: "SANDBOX_KEY_GET_THE_AUTHENTICATED_USER",
    params: {},
    connectedAccountId: id,
  })) as ExecuteResult;
  expect(again.successful).toBe(true);

  // Reinitiate with new data replaces the key (checked with the app first); same account, no link.
  const renewed = await ts.connectedAccounts.reinitiateConnection({
    connectedAccountId: id,
    data: { api_key: "sbx_demo_key" },
  });
  expect(renewed).toMatchObject({ connectedAccountId: id, connectionStatus: "ACTIVE" });
  expect(renewed.redirectUrl).toBeNull();

  await ts.connectedAccounts.delete({ connectedAccountId: id });
  const gone = await rejection(ts.connectedAccounts.get({ connectedAccountId: id }));
  expect(gone.errCode).toBe("BACKEND::NOT_FOUND");
  expect(errorText(gone)).toContain("Connected account not found");
});

test("composio-core – a wrong API key for the app is refused before anything is stored", async () => {
  const ts = toolset();
  const user = freshUser("legacy_wrong_key");
  const err = await rejection(
    (await ts.getEntity(user)).initiateConnection({
      appName: "sandbox_key",
      connectionParams: { api_key: "sbx_wrong" },
    }),
  );
  expect(err.errCode).toBe("BACKEND::BAD_REQUEST");
  expect(errorText(err)).toContain("refused the credential");
  const list = (await ts.connectedAccounts.list({
    entityId: user,
    showDisabled: true,
  })) as unknown as { items: Account[] };
  expect(list.items).toHaveLength(0);
});

test("composio-core – bad action arguments come back as a 400 naming the field", async () => {
  const err = await rejection(
    toolset().executeAction({
      action: "SANDBOX_CREATE_A_NOTE",
      params: { body: "no title" },
      entityId: ENTITY,
    }),
  );
  expect(err.errCode).toBe("BACKEND::BAD_REQUEST");
  expect(errorText(err)).toContain("title: is required");
});

test("composio-core – getTools({apps:[sandbox]}) returns the sandbox tools with JSON-Schema parameters", async () => {
  const openai = new OpenAIToolSet({ apiKey: BOOTSTRAP_KEY, baseUrl: BASE_URL });
  const tools = (await openai.getTools({ apps: ["sandbox"] })) as unknown as Array<{
    function: { name: string; parameters: unknown };
  }>;
  const names = tools.map((t) => t.function.name);
  expect(names).toEqual(
    expect.arrayContaining([
      "SANDBOX_CREATE_A_NOTE",
      "SANDBOX_LIST_NOTES",
      "SANDBOX_GET_THE_AUTHENTICATED_USER",
      "SANDBOX_DELETE_A_NOTE",
    ]),
  );
  expect(names.every((n) => n.startsWith("SANDBOX_") && !n.startsWith("SANDBOX_KEY_"))).toBe(true);
  const create = tools.find((t) => t.function.name === "SANDBOX_CREATE_A_NOTE")!;
  expect(create.function.parameters).toMatchObject({
    type: "object",
    properties: { title: { type: "string" }, body: { type: "string" } },
    required: ["title"],
  });

  // LangChain tools are zod schemas made from `parameters`: GitHub's nullable fields must convert.
  const langchain = new LangchainToolSet({ apiKey: BOOTSTRAP_KEY, baseUrl: BASE_URL });
  const github = await langchain.getTools({ apps: ["github"] });
  expect(github.length).toBeGreaterThan(500);
  expect(github.map((t) => t.name)).toContain("GITHUB_CREATE_AN_ISSUE");

  // The same list through the other path the SDK uses (`/api/v2/actions/list/all` is its twin).
  const schemas = await toolset().getToolsSchema({ actions: ["SANDBOX_DELETE_A_NOTE"] });
  expect(schemas.map((s) => s.name)).toEqual(["SANDBOX_DELETE_A_NOTE"]);
  const action = (await toolset().actions.get({
    actionName: "SANDBOX_CREATE_A_NOTE",
  })) as unknown as Record<string, unknown>;
  expect(action).toMatchObject({
    name: "SANDBOX_CREATE_A_NOTE",
    appKey: "sandbox",
    appName: "sandbox",
  });
});

test("composio-core – actions.executeRequest proxies a raw request through the connected account", async () => {
  const ts = toolset();
  const title = noteTitle("Proxy");
  const created = (await ts.actions.executeRequest({
    connectedAccountId: oauthAccountId,
    endpoint: "/api/notes",
    method: "POST",
    parameters: [],
    body: { title, body: "via /api/v2/actions/proxy" },
  })) as unknown as { data: Record<string, unknown>; status: number; successful: boolean };
  expect(created.status).toBe(201);
  expect(created.successful).toBe(true);
  expect(created.data).toMatchObject({ title });

  const listed = (await ts.actions.executeRequest({
    connectedAccountId: oauthAccountId,
    endpoint: "/api/notes",
    method: "GET",
    parameters: [{ name: "x-trace", in: "header", value: "compat" }],
  })) as unknown as { data: unknown; status: number };
  expect(listed.status).toBe(200);
  expect(JSON.stringify(listed.data)).toContain(title);

  // Absolute URLs to another host are refused, with the reason.
  const err = await rejection(
    ts.actions.executeRequest({
      connectedAccountId: oauthAccountId,
      endpoint: "https://example.com/steal",
      method: "GET",
      parameters: [],
    }),
  );
  expect(err.errCode).toBe("BACKEND::BAD_REQUEST");
  expect(errorText(err)).toContain("endpoint");
});

test("composio-core – apps and integrations: required params, create, getOrCreate, delete", async () => {
  const ts = toolset();
  const apps = await ts.apps.list();
  expect(apps.map((a) => a.key)).toEqual(
    expect.arrayContaining(["sandbox", "sandbox_key", "github"]),
  );
  // expected_from_user: what the developer gives when creating the integration (the OAuth client);
  // required_fields: what each connection needs (expected_from_customer true).
  const params = await ts.apps.getRequiredParams("sandbox_key");
  expect(params.availableAuthSchemes).toEqual(["API_KEY"]);
  expect(params.authSchemes.API_KEY?.expected_from_user).toEqual([]);
  expect(params.authSchemes.API_KEY?.required_fields).toEqual(["api_key"]);
  const oauth = await ts.apps.getRequiredParams("sandbox");
  expect(oauth.authSchemes.OAUTH2?.expected_from_user).toEqual(["client_id", "client_secret"]);
  expect(oauth.authSchemes.OAUTH2?.required_fields).toEqual([]);

  const name = `compat key ${Date.now()}`;
  const created = (await ts.integrations.create({
    appUniqueKey: "sandbox_key",
    name,
    authScheme: "API_KEY",
  })) as unknown as Record<string, unknown> & { id: string };
  expect(created).toMatchObject({
    name,
    appName: "sandbox_key",
    authScheme: "API_KEY",
    enabled: true,
  });
  const fields = await ts.integrations.getRequiredParams({ integrationId: created.id });
  expect(fields.map((f) => f.name)).toEqual(["api_key"]);

  // get-or-create finds the project's newest enabled integration for the app: the one just made.
  const found = (await ts.integrations.getOrCreateIntegration({
    appUniqueKey: "sandbox_key",
    name: "ignored",
    authScheme: "API_KEY",
  })) as unknown as { id: string };
  expect(found.id).toBe(created.id);

  // An integration still in use cannot go; composio-core gets a 400 it can read (it crashes on a 409).
  const inUse = await (
    await ts.getEntity(freshUser("legacy_in_use"))
  ).initiateConnection({
    integrationId: created.id,
    connectionParams: { api_key: "sbx_demo_key" },
  });
  expect(inUse.connectionStatus).toBe("ACTIVE");
  const conflict = await rejection(ts.integrations.delete({ integrationId: created.id }));
  expect(conflict.errCode).toBe("BACKEND::BAD_REQUEST");
  expect(errorText(conflict)).toContain("still has 1 connection(s); delete them first");
  await ts.connectedAccounts.delete({ connectedAccountId: inUse.connectedAccountId });

  await ts.integrations.delete({ integrationId: created.id });
  const gone = await rejection(ts.integrations.get({ integrationId: created.id }));
  expect(gone.errCode).toBe("BACKEND::NOT_FOUND");
  expect(errorText(gone)).toContain("Auth config not found");
});

test("composio-core – reinitiateConnection keeps the account and its id, and hands out a new connect link", async () => {
  const ts = toolset();
  const request = await ts.connectedAccounts.reinitiateConnection({
    connectedAccountId: oauthAccountId,
    data: {},
  });
  expect(request.connectedAccountId).toBe(oauthAccountId);
  expect(request.redirectUrl).toContain("/link/");
  const account = (await ts.connectedAccounts.get({
    connectedAccountId: oauthAccountId,
  })) as unknown as Account;
  expect(account.status).toBe("ACTIVE");
});

test("composio-core errors – a wrong key is BACKEND::UNAUTHORIZED, an unknown account BACKEND::NOT_FOUND, with Keyport's message", async () => {
  const wrong = await rejection(
    toolset(`kp_live_${"x".repeat(40)}`).connectedAccounts.list({ entityId: ENTITY }),
  );
  expect(wrong.errCode).toBe("BACKEND::UNAUTHORIZED");
  expect(errorText(wrong)).toContain("Invalid or revoked API key");

  const unknown = await rejection(
    toolset().connectedAccounts.get({ connectedAccountId: "ca_doesNotExist0000000" }),
  );
  expect(unknown.errCode).toBe("BACKEND::NOT_FOUND");
  expect(errorText(unknown)).toContain("Connected account not found");

  const action = await rejection(
    toolset().executeAction({ action: "SANDBOX_NO_SUCH_ACTION", params: {}, entityId: ENTITY }),
  );
  expect(action.errCode).toBe("BACKEND::NOT_FOUND");
  expect(errorText(action)).toContain("Action SANDBOX_NO_SUCH_ACTION not found");
});

test("composio-core errors – another project's connected account is a 404 (never a 403, never a leak)", async ({
  browser,
}) => {
  const keyB = await secondProjectKey(browser);
  const b = toolset(keyB);
  const get = await rejection(b.connectedAccounts.get({ connectedAccountId: oauthAccountId }));
  expect(get.errCode).toBe("BACKEND::NOT_FOUND");
  expect(errorText(get)).toContain("Connected account not found");
  const exec = await rejection(
    b.executeAction({
      action: "SANDBOX_LIST_NOTES",
      params: {},
      connectedAccountId: oauthAccountId,
    }),
  );
  expect(exec.errCode).toBe("BACKEND::NOT_FOUND");
  const list = (await b.connectedAccounts.list({ entityId: ENTITY })) as unknown as {
    items: Account[];
  };
  expect(list.items).toHaveLength(0);
  // And B cannot disable or delete it.
  expect(
    (await rejection(b.connectedAccounts.disable({ connectedAccountId: oauthAccountId }))).errCode,
  ).toBe("BACKEND::NOT_FOUND");
  expect(
    (await rejection(b.connectedAccounts.delete({ connectedAccountId: oauthAccountId }))).errCode,
  ).toBe("BACKEND::NOT_FOUND");
});

test("both faces agree – the account made through composio-core reads the same through /api/v3.1", async ({
  request,
}) => {
  const legacy = (await toolset().connectedAccounts.get({
    connectedAccountId: oauthAccountId,
  })) as unknown as Account;
  const res = await request.get(`/api/v3.1/connected_accounts/${oauthAccountId}`, {
    headers: keyHeaders(),
  });
  expect(res.status()).toBe(200);
  const v3 = (await res.json()) as {
    id: string;
    status: string;
    user_id: string;
    toolkit: { slug: string };
  };
  expect(v3).toMatchObject({
    id: legacy.id,
    status: legacy.status,
    user_id: ENTITY,
    toolkit: { slug: legacy.appName },
  });
});
