// The Python Composio SDK (composio_openai 0.7.21) against Keyport: the README's "Python SDK" example,
// step by step, as the exact requests the SDK makes (it cannot be installed here; see python-sdk.ts),
// each answer exactly HTTP 200 and accepted by the SDK's pydantic models (python-sdk-models.ts).
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { z } from "zod";
import {
  BASE_URL,
  BOOTSTRAP_KEY,
  freshUser,
  noteTitle,
  secondProjectKey,
} from "../support/e2e/compat";
import { PythonSdk } from "../support/e2e/python-sdk";
import {
  ActionModel,
  AppModel,
  ClientInfo,
  ConnectedAccountModel,
  ConnectionRequestModel,
  ExecuteResult,
  IntegrationModel,
  TriggerModel,
  collectionOf,
  itemsOf,
} from "../support/e2e/python-sdk-models";
import { authConfigId, authorizeAtSandbox, keyHeaders } from "../support/e2e/api";

/** `connected_accounts.get(…)` without an id: pageSize=99999999, then user_uuid, showActiveOnly. */
const accountsQuery = (entityIds?: string[], active = false) => ({
  pageSize: "99999999",
  ...(entityIds?.length ? { user_uuid: entityIds.join(",") } : {}),
  ...(active ? { showActiveOnly: "true" } : {}),
});

/** `datetime.now().strftime("%Y%m%d%H%M%S")`, as in the integration names the SDK makes. */
const timestamp = () => new Date().toISOString().replace(/\D/g, "").slice(0, 14);

/** The integration `_get_integration_for_app` picks: the newest for the app and scheme. */
function integrationFor(
  list: z.infer<typeof IntegrationModel>[],
  app: string,
  scheme: string,
): z.infer<typeof IntegrationModel> | undefined {
  return [...list]
    .filter((i) => i.appName.toLowerCase() === app.toLowerCase())
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .reverse()
    .find((i) => i.authScheme.toLowerCase() === scheme.toLowerCase());
}

/** `ToolSet.initiate_connection(app=…, entity_id=…, connected_account_params=…)`, request by request. */
async function initiateByApp(
  sdk: PythonSdk,
  app: string,
  entityId: string,
  params: Record<string, string>,
) {
  // get_auth_scheme_for_app: the first of the SDK's preferred modes the app offers.
  const appInfo = await sdk.get(AppModel, `/v1/apps/${app}`);
  const authScheme = appInfo.auth_schemes![0]!.auth_mode;
  // _get_integration_for_app → get_integrations(app=…)
  const listed = await sdk.get(collectionOf(IntegrationModel), "/v1/integrations", {
    pageSize: "999",
    showDisabled: "false",
  });
  const items = Array.isArray(listed) ? listed : listed.items;
  let integrationId = integrationFor(items, app, authScheme)?.id;
  if (integrationId) {
    await sdk.get(IntegrationModel, `/v1/integrations/${integrationId}`);
  } else {
    // NoItemsFound → _validate_auth_config: the fields the developer must give (none for API keys).
    const forConfig = await sdk.get(AppModel, `/v1/apps/${app}`);
    const needed = forConfig
      .auth_schemes!.find((s) => s.auth_mode === authScheme)!
      .fields.filter((f) => f.expected_from_customer === false && f.required);
    expect(needed.map((f) => f.name)).toEqual([]);
    // create_integration
    const appData = await sdk.get(AppModel, `/v1/apps/${app}`);
    const created = await sdk.post(IntegrationModel, "/v1/integrations", {
      appId: appData.appId,
      useComposioAuth: false,
      name: `${app}_${timestamp()}`,
      authScheme,
      authConfig: {},
    });
    integrationId = created.id;
  }
  // get_expected_params_for_user: the scheme must match, required fields must be given.
  const integration = await sdk.get(IntegrationModel, `/v1/integrations/${integrationId}`);
  expect(integration.authScheme).toBe(authScheme);
  const required = (integration.expectedInputFields ?? []).filter((f) => f.required !== false);
  for (const f of required) expect(Object.keys(params), `param ${f.name}`).toContain(f.name);
  return sdk.post(ConnectionRequestModel, "/v1/connectedAccounts", {
    integrationId,
    userUuid: entityId,
    data: params,
    labels: [],
    redirectUri: null,
  });
}

test("the README's Python example – every request the SDK makes answers 200 in the shape its models require", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const sdk = new PythonSdk(BOOTSTRAP_KEY);
  const userId = freshUser("user_py");
  const integrationId = await authConfigId(request, "sandbox"); // KEYPORT_INTEGRATION_ID

  // 1. toolset = ComposioToolSet(entity_id=user_id): on a first run check_cache_refresh fills the
  //    cache; its first request makes HttpClient read api_key, which validates the key.
  await test.step("1. ComposioToolSet(entity_id=user_id)", async () => {
    const check = await sdk.validateApiKey();
    expect(check.status).toBe(200);
    const info = ClientInfo.parse(await check.json());
    expect(info.client.id).toMatch(/^prj_/);
    const apps = await sdk.get(collectionOf(AppModel), "/v1/apps");
    const appKeys = (Array.isArray(apps) ? apps : apps.items).map((a) => a.key);
    expect(appKeys).toEqual(expect.arrayContaining(["sandbox", "sandbox_key", "github"]));
    const actions = await sdk.get(itemsOf(ActionModel), "/v2/actions");
    expect(actions.items.length).toBeGreaterThan(0);
    const triggers = await sdk.get(collectionOf(TriggerModel), "/v1/triggers");
    expect(triggers).toEqual([]);
  });

  // 2. entity = toolset.get_entity(id=user_id): no request.
  const entityId = userId;

  // 3. request = toolset.initiate_connection(integration_id=…, entity_id=entity.id)
  const connection = await test.step("3. initiate_connection(integration_id=…)", async () => {
    await sdk.get(IntegrationModel, `/v1/integrations/${integrationId}`);
    const made = await sdk.post(ConnectionRequestModel, "/v1/connectedAccounts", {
      integrationId,
      userUuid: entityId,
      data: {},
      labels: [],
      redirectUri: null,
    });
    expect(made.connectionStatus).toBe("INITIATED");
    expect(made.redirectUrl).toMatch(new RegExp(`^${BASE_URL}/link/`));
    return made;
  });

  // 4. The end user opens request.redirectUrl and approves at the sandbox.
  await test.step("4. consent in Chromium", async () => {
    const endUser = await browser.newContext();
    const page = await endUser.newPage();
    await authorizeAtSandbox(page, connection.redirectUrl!, "py_alice");
    await expect(page.getByRole("heading", { name: "Connected" })).toBeVisible();
    await endUser.close();
  });

  // 5. account = request.wait_until_active(toolset.client, timeout=120)
  const account = await test.step("5. wait_until_active", async () => {
    for (let i = 0; i < 30; i++) {
      const polled = await sdk.get(
        ConnectedAccountModel,
        `/v1/connectedAccounts/${connection.connectedAccountId}`,
      );
      if (polled.status === "ACTIVE") return polled;
      await new Promise((r) => setTimeout(r, 1000));
    }
    throw new Error("the connection did not become ACTIVE");
  });
  expect(account.appUniqueId).toBe("sandbox");

  // 6. toolset.initiate_connection(app=App.SANDBOX_KEY, entity_id=…, connected_account_params=…)
  await test.step("6. initiate_connection(app=App.SANDBOX_KEY)", async () => {
    const made = await initiateByApp(sdk, "SANDBOX_KEY", entityId, { api_key: "sbx_demo_key" });
    expect(made.connectionStatus).toBe("ACTIVE");
    expect(made.redirectUrl ?? null).toBeNull();
  });

  // 7. toolset.execute_action(action=Action.SANDBOX_CREATE_A_NOTE, params=…, entity_id=entity.id)
  const title = noteTitle("Python SDK");
  await test.step("7. execute_action(action=Action.SANDBOX_CREATE_A_NOTE)", async () => {
    // The action is past the first 1,000 of the cached list: Action.load fetches it and its app.
    const action = await sdk.get(ActionModel, "/v2/actions/SANDBOX_CREATE_A_NOTE");
    const app = await sdk.get(AppModel, `/v1/apps/${action.appName}`);
    expect(app.no_auth).toBe(false);
    // substitute_file_uploads → the schema, looked up in the action's app (upper case, as sent).
    const schemas = await sdk.get(itemsOf(ActionModel), "/v2/actions", { apps: "SANDBOX" });
    expect(schemas.items.filter((a) => a.name === "SANDBOX_CREATE_A_NOTE")).toHaveLength(1);
    // check_connected_account: every account of the project, then the entity's active ones.
    const all = await sdk.get(itemsOf(ConnectedAccountModel), "/v1/connectedAccounts", {
      pageSize: "99999999",
    });
    expect(
      all.items.some(
        (a) => a.appUniqueId.toUpperCase() === "SANDBOX" && a.clientUniqueUserId === entityId,
      ),
    ).toBe(true);
    const active = await sdk.get(
      itemsOf(ConnectedAccountModel),
      "/v1/connectedAccounts",
      accountsQuery([entityId], true),
    );
    // Entity.get_connection: the oldest ACTIVE account of the app.
    const chosen = active.items
      .filter((a) => a.appUniqueId === "sandbox")
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0]!;
    expect(chosen.id).toBe(account.id);
    const result = await sdk.post(ExecuteResult, "/v2/actions/SANDBOX_CREATE_A_NOTE/execute", {
      connectedAccountId: chosen.id,
      entityId: chosen.clientUniqueUserId,
      appName: "SANDBOX",
      input: { title, body: "Sent with the Python SDK" },
      text: null,
      version: "latest:base",
      authConfig: null,
      sessionInfo: { sessionId: randomUUID().replace(/-/g, "") },
      allowTracing: false,
    });
    expect(result.error).toBeNull();
    expect(result.successful).toBe(true);
    expect(result.data).toMatchObject({ title, body: "Sent with the Python SDK" });
  });

  // 8. toolset.get_connected_accounts(): the toolset's own entity.
  await test.step("8. get_connected_accounts()", async () => {
    const mine = await sdk.get(
      itemsOf(ConnectedAccountModel),
      "/v1/connectedAccounts",
      accountsQuery([entityId]),
    );
    expect(mine.items.map((a) => a.appName).sort()).toEqual(["sandbox", "sandbox_key"]);
  });

  // 9. toolset.client.connected_accounts.get(entity_ids=[entity.id], active=True)
  await test.step("9. client.connected_accounts.get(entity_ids=[…], active=True)", async () => {
    const active = await sdk.get(
      itemsOf(ConnectedAccountModel),
      "/v1/connectedAccounts",
      accountsQuery([entityId], true),
    );
    expect(active.items.every((a) => a.status === "ACTIVE")).toBe(true);
    expect(active.items).toHaveLength(2);
  });

  // 10. toolset.get_connected_account(id=account.id)
  await test.step("10. get_connected_account(id=…)", async () => {
    const one = await sdk.get(ConnectedAccountModel, `/v1/connectedAccounts/${account.id}`);
    expect(one).toMatchObject({ id: account.id, status: "ACTIVE", clientUniqueUserId: entityId });
    // Hints only: no usable token in what the SDK reads as connectionParams.
    expect(JSON.stringify(one)).not.toMatch(/"access_token":"[A-Za-z0-9_-]{20,}/);
  });

  // Nothing but 200 from first to last.
  expect(sdk.exchanges.filter((e) => e.status !== 200)).toEqual([]);
});

test("client_info – the key's project and key record, no secret; 401 for a missing or unknown key", async () => {
  const res = await new PythonSdk(BOOTSTRAP_KEY).validateApiKey();
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(text).not.toContain(BOOTSTRAP_KEY);
  const body = JSON.parse(text) as Record<string, Record<string, unknown>>;
  expect(body.client).toMatchObject({ name: "Default" });
  expect(body.apiKey).toMatchObject({
    clientId: body.client!.id,
    key: expect.stringMatching(/…$/),
  });

  for (const key of [`kp_live_${"x".repeat(40)}`, "", "not-a-key"]) {
    const bad = await new PythonSdk(key).validateApiKey();
    // The SDK raises ApiKeyError("API Key is not valid!") on 401/403.
    expect(bad.status, `key "${key}"`).toBe(401);
    expect(((await bad.json()) as { message: string }).message).toMatch(/API key/);
  }
});

test("initiate_connection(app=…) in a project without an integration for the app – the SDK creates one through POST /api/v1/integrations", async ({
  browser,
}) => {
  const keyB = await secondProjectKey(browser);
  const sdk = new PythonSdk(keyB);
  expect((await sdk.validateApiKey()).status).toBe(200);
  const user = freshUser("user_py_b");
  const before = sdk.exchanges.length;
  const made = await initiateByApp(sdk, "SANDBOX_KEY", user, { api_key: "sbx_demo_key" });
  expect(made.connectionStatus).toBe("ACTIVE");
  expect(sdk.since(before)).toEqual([
    "GET /v1/apps/SANDBOX_KEY",
    "GET /v1/integrations?pageSize=999&showDisabled=false",
    "GET /v1/apps/SANDBOX_KEY",
    "GET /v1/apps/SANDBOX_KEY",
    "POST /v1/integrations",
    expect.stringMatching(/^GET \/v1\/integrations\/ac_/),
    "POST /v1/connectedAccounts",
  ]);

  // B's key sees B's project, never the Default one.
  const info = ClientInfo.parse(await (await sdk.validateApiKey()).json());
  const defaultInfo = ClientInfo.parse(
    await (await new PythonSdk(BOOTSTRAP_KEY).validateApiKey()).json(),
  );
  expect(info.client.id).not.toBe(defaultInfo.client.id);

  // For an OAuth app the SDK first asks the caller for the developer's fields: the OAuth client.
  const sandbox = await sdk.get(AppModel, "/v1/apps/SANDBOX");
  const oauth = sandbox.auth_schemes!.find((s) => s.auth_mode === "OAUTH2")!;
  expect(
    oauth.fields.filter((f) => f.expected_from_customer === false && f.required).map((f) => f.name),
  ).toEqual(["client_id", "client_secret"]);
  // Asked for Composio's managed OAuth app instead, Keyport says what to send.
  const managed = await sdk.send("POST", "/v1/integrations", {
    body: { appId: "sandbox", useComposioAuth: true, name: `SANDBOX_${timestamp()}` },
  });
  expect(managed.status).toBe(400);
  expect(((await managed.json()) as { message: string }).message).toContain(
    "pass authConfig with the client_id and client_secret",
  );
});

test("GET /api/v2/actions?apps=<app> – every action of the app in one answer (GitHub: all of them), each accepted by ActionModel", async ({
  request,
}) => {
  test.setTimeout(90_000);
  const sdk = new PythonSdk(BOOTSTRAP_KEY);
  // The v3.1 face counts GitHub's actions independently.
  const v3 = await request.get("/api/v3.1/tools?toolkit_slug=github&limit=1", {
    headers: keyHeaders(),
  });
  const githubCount = ((await v3.json()) as { total_items: number }).total_items;
  expect(githubCount).toBeGreaterThan(1000);
  const github = await sdk.get(itemsOf(ActionModel), "/v2/actions", { apps: "GITHUB" });
  expect(github.items).toHaveLength(githubCount);
  expect(github.items.map((a) => a.name)).toContain("GITHUB_CREATE_AN_ISSUE");

  const apps = await sdk.get(collectionOf(AppModel), "/v1/apps");
  for (const app of Array.isArray(apps) ? apps : apps.items) {
    if (app.key === "github") continue;
    const listed = await sdk.get(itemsOf(ActionModel), "/v2/actions", {
      apps: app.key.toUpperCase(),
    });
    expect(listed.items.every((a) => a.appName === app.key)).toBe(true);
  }
});

test("bad input on the legacy routes the SDK uses – readable {message} errors, never a 5xx", async () => {
  const sdk = new PythonSdk(BOOTSTRAP_KEY);
  const cases: Array<[Response, number, RegExp]> = [
    [await sdk.send("GET", "/v1/connectedAccounts", { query: { pageSize: "0" } }), 400, /pageSize/],
    [
      await sdk.send("GET", "/v1/connectedAccounts", { query: { pageSize: "abc" } }),
      400,
      /pageSize/,
    ],
    [await sdk.send("POST", "/v1/integrations", { body: {} }), 400, /appId/],
    [
      await sdk.send("POST", "/v1/integrations", { body: { appId: "no_such_app" } }),
      404,
      /no_such_app/,
    ],
    [await sdk.send("POST", "/v1/integrations", { rawBody: "{not json" }), 400, /not valid JSON/],
    [
      await sdk.send("POST", "/v1/integrations", {
        body: { appId: "sandbox_key", authScheme: "OAUTH2" },
      }),
      400,
      /does not support auth scheme OAUTH2/,
    ],
  ];
  for (const [res, status, message] of cases) {
    const body = (await res.json()) as { message?: string };
    expect(res.status, JSON.stringify(body)).toBe(status);
    expect(body.message).toMatch(message);
  }
  // An oversized page size is clamped, not refused.
  const all = await sdk.get(itemsOf(ConnectedAccountModel), "/v1/connectedAccounts", {
    pageSize: "99999999",
    showDisabled: "true",
  });
  expect(Array.isArray(all.items)).toBe(true);
});
