// The project comes only from the credential (SECURITY.md 24): every API route × (key of project A,
// object of project B) is a 404 with no side effect, and lists never show B's objects. The matrix
// is a table: a new route is one line, and a route file without a line fails the coverage test.
import { expect, test, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { ADMIN, BASE_URL, BOOTSTRAP_KEY } from "../support/e2e-env";
import {
  addActiveOperator,
  createApiKey,
  createProject,
  signIn,
  switchProject,
  unique,
} from "../support/e2e/dashboard";
import {
  actionHeaders,
  discoverRoutes,
  errorMessage,
  faceOf,
  routeFileExists,
  type Method,
} from "../support/e2e/security";
import { keyHeaders } from "../support/e2e/api";

/** Project B and its objects, made through the dashboard (project, key) and B's own API key. */
const B = {
  name: unique("Tenancy B"),
  projectId: "",
  key: "",
  user: unique("tenant_b_user").replace(/-/g, "_"),
  /** sandbox_key auth config (API_KEY) and an ACTIVE connection through it. */
  keyConfig: "",
  keyAccount: "",
  /** sandbox auth config (OAUTH2, client `keyport`, a made-up secret) and an INITIATED connection with a link. */
  oauthConfig: "",
  oauthAccount: "",
  /** One of B's executions (its log id and request id), for the dashboard's Logs and export. */
  logId: "",
  requestId: "",
  /** A webhook endpoint (webhook.test only, so nothing is ever sent from the fixture). */
  webhook: "",
  /** An MCP (tool router) session for B's user. */
  session: "",
};
/** A's user id for calls that try to create something with B's objects. */
const ATTACKER = unique("tenant_a_attacker").replace(/-/g, "_");

type Target =
  | { kind: "connection"; id: string; app: "sandbox" | "sandbox_key" }
  | { kind: "integration"; id: string; app: "sandbox" | "sandbox_key" }
  | { kind: "webhook"; id: string }
  | { kind: "session"; id: string }
  | { kind: "none" };

interface Row {
  method: Method;
  /** The route file's URL template, as discovered from app/api. */
  route: string;
  /**
   * object: B's object (or B's user) in the request → 404, never 403/200.
   * list:   A's list or lookup → 2xx without any of B's ids.
   * global: catalog or create-in-A routes → not a 5xx, without any of B's ids.
   */
  expect: "object" | "list" | "global";
  /** The objects of B a row runs against (each one in turn). */
  on: "connections" | "integrations" | "webhooks" | "sessions" | "none";
  path: (t: Target) => string;
  body?: (t: Target) => unknown;
}

const idOf = (t: Target) => (t.kind === "none" ? "" : t.id);
const toolFor = (t: Target) =>
  (t.kind === "connection" || t.kind === "integration") && t.app === "sandbox"
    ? "SANDBOX_LIST_NOTES"
    : "SANDBOX_KEY_LIST_NOTES";
const sbxKeyCredentials = { api_key: "sbx_demo_key" };

// prettier-ignore
const MATRIX: Row[] = [
  // v3.1 connected accounts
  { method: "GET", route: "/api/v3.1/connected_accounts/[id]", expect: "object", on: "connections", path: (t) => `/api/v3.1/connected_accounts/${idOf(t)}` },
  { method: "GET", route: "/api/v3.1/connected_accounts", expect: "list", on: "connections", path: (t) => `/api/v3.1/connected_accounts?connected_account_ids=${idOf(t)}` },
  { method: "GET", route: "/api/v3.1/connected_accounts", expect: "list", on: "none", path: () => `/api/v3.1/connected_accounts?user_ids=${B.user}` },
  { method: "GET", route: "/api/v3.1/connected_accounts", expect: "list", on: "integrations", path: (t) => `/api/v3.1/connected_accounts?auth_config_ids=${idOf(t)}` },
  { method: "GET", route: "/api/v3.1/connected_accounts", expect: "list", on: "none", path: () => "/api/v3.1/connected_accounts?limit=1000" },
  { method: "PATCH", route: "/api/v3.1/connected_accounts/[id]", expect: "object", on: "connections", path: (t) => `/api/v3.1/connected_accounts/${idOf(t)}`, body: () => ({ connection: { state: { authScheme: "API_KEY", val: sbxKeyCredentials } } }) },
  { method: "PATCH", route: "/api/v3.1/connected_accounts/[id]/status", expect: "object", on: "connections", path: (t) => `/api/v3.1/connected_accounts/${idOf(t)}/status`, body: () => ({ enabled: false }) },
  { method: "POST", route: "/api/v3.1/connected_accounts/[id]/refresh", expect: "object", on: "connections", path: (t) => `/api/v3.1/connected_accounts/${idOf(t)}/refresh`, body: () => ({}) },
  { method: "POST", route: "/api/v3.1/connected_accounts", expect: "object", on: "integrations", path: () => "/api/v3.1/connected_accounts", body: (t) => ({ auth_config: { id: idOf(t) }, connection: { user_id: ATTACKER, data: sbxKeyCredentials } }) },
  { method: "POST", route: "/api/v3.1/connected_accounts/link", expect: "object", on: "integrations", path: () => "/api/v3.1/connected_accounts/link", body: (t) => ({ auth_config_id: idOf(t), user_id: ATTACKER }) },
  // v3.1 tools
  { method: "POST", route: "/api/v3.1/tools/execute/[slug]", expect: "object", on: "connections", path: (t) => `/api/v3.1/tools/execute/${toolFor(t)}`, body: (t) => ({ connected_account_id: idOf(t), arguments: {} }) },
  { method: "POST", route: "/api/v3.1/tools/execute/[slug]", expect: "object", on: "none", path: () => "/api/v3.1/tools/execute/SANDBOX_KEY_LIST_NOTES", body: () => ({ user_id: B.user, arguments: {} }) },
  { method: "POST", route: "/api/v3.1/tools/execute/proxy", expect: "object", on: "connections", path: () => "/api/v3.1/tools/execute/proxy", body: (t) => ({ connected_account_id: idOf(t), endpoint: "/api/me", method: "GET" }) },
  { method: "GET", route: "/api/v3.1/tools", expect: "global", on: "none", path: () => "/api/v3.1/tools?toolkit_slug=sandbox_key" },
  { method: "GET", route: "/api/v3.1/tools/[slug]", expect: "global", on: "none", path: () => "/api/v3.1/tools/SANDBOX_KEY_LIST_NOTES" },
  { method: "GET", route: "/api/v3.1/toolkits", expect: "global", on: "none", path: () => "/api/v3.1/toolkits" },
  { method: "GET", route: "/api/v3.1/toolkits/[slug]", expect: "global", on: "none", path: () => "/api/v3.1/toolkits/sandbox_key" },
  { method: "GET", route: "/api/v3.1/openapi.json", expect: "global", on: "none", path: () => "/api/v3.1/openapi.json" },
  // v3.1 auth configs
  { method: "GET", route: "/api/v3.1/auth_configs/[id]", expect: "object", on: "integrations", path: (t) => `/api/v3.1/auth_configs/${idOf(t)}` },
  { method: "GET", route: "/api/v3.1/auth_configs", expect: "list", on: "none", path: () => "/api/v3.1/auth_configs" },
  { method: "GET", route: "/api/v3.1/auth_configs", expect: "list", on: "none", path: () => "/api/v3.1/auth_configs?toolkit_slug=sandbox_key" },
  { method: "POST", route: "/api/v3.1/auth_configs", expect: "global", on: "none", path: () => "/api/v3.1/auth_configs", body: () => ({ project_id: B.projectId, projectId: B.projectId, toolkit: { slug: "github" }, auth_config: { type: "use_custom_auth", name: unique("tenancy-a-github"), credentials: { client_id: "Iv1.tenancy", client_secret: "cs_tenancy_in_project_a_0123456789" } } }) },
  { method: "PATCH", route: "/api/v3.1/auth_configs/[id]", expect: "object", on: "integrations", path: (t) => `/api/v3.1/auth_configs/${idOf(t)}`, body: () => ({ name: "taken over by A", credentials: { client_id: "attacker", client_secret: "attacker-secret-0123456789" } }) },
  { method: "PATCH", route: "/api/v3.1/auth_configs/[id]/[status]", expect: "object", on: "integrations", path: (t) => `/api/v3.1/auth_configs/${idOf(t)}/DISABLED` },
  { method: "PATCH", route: "/api/v3.1/auth_configs/[id]/[status]", expect: "object", on: "integrations", path: (t) => `/api/v3.1/auth_configs/${idOf(t)}/ENABLED` },
  // legacy face (composio-core)
  { method: "GET", route: "/api/v1/connectedAccounts/[id]", expect: "object", on: "connections", path: (t) => `/api/v1/connectedAccounts/${idOf(t)}` },
  { method: "GET", route: "/api/v1/connectedAccounts", expect: "list", on: "none", path: () => `/api/v1/connectedAccounts?user_uuid=${B.user}&showDisabled=true` },
  { method: "GET", route: "/api/v1/connectedAccounts", expect: "list", on: "none", path: () => `/api/v1/connectedAccounts?entityId=${B.user}&showDisabled=true` },
  { method: "GET", route: "/api/v1/connectedAccounts", expect: "list", on: "integrations", path: (t) => `/api/v1/connectedAccounts?integrationId=${idOf(t)}&showDisabled=true` },
  { method: "GET", route: "/api/v1/connectedAccounts", expect: "list", on: "connections", path: (t) => `/api/v1/connectedAccounts?connectionId=${idOf(t)}&showDisabled=true` },
  { method: "GET", route: "/api/v1/connectedAccounts", expect: "list", on: "none", path: () => "/api/v1/connectedAccounts?pageSize=1000&showDisabled=true" },
  { method: "POST", route: "/api/v1/connectedAccounts", expect: "object", on: "integrations", path: () => "/api/v1/connectedAccounts", body: (t) => ({ integrationId: idOf(t), entityId: ATTACKER, data: sbxKeyCredentials }) },
  { method: "POST", route: "/api/v1/connectedAccounts/[id]/disable", expect: "object", on: "connections", path: (t) => `/api/v1/connectedAccounts/${idOf(t)}/disable` },
  { method: "POST", route: "/api/v1/connectedAccounts/[id]/enable", expect: "object", on: "connections", path: (t) => `/api/v1/connectedAccounts/${idOf(t)}/enable` },
  { method: "POST", route: "/api/v1/connectedAccounts/[id]/reinitiate", expect: "object", on: "connections", path: (t) => `/api/v1/connectedAccounts/${idOf(t)}/reinitiate`, body: () => ({}) },
  { method: "POST", route: "/api/v1/connectedAccounts/[id]/reinitiate", expect: "object", on: "connections", path: (t) => `/api/v1/connectedAccounts/${idOf(t)}/reinitiate`, body: () => ({ data: sbxKeyCredentials }) },
  { method: "POST", route: "/api/v2/connectedAccounts/initiateConnection", expect: "object", on: "integrations", path: () => "/api/v2/connectedAccounts/initiateConnection", body: (t) => ({ app: { integrationId: idOf(t) }, config: {}, connection: { entityId: ATTACKER, initiateData: sbxKeyCredentials, extra: {} } }) },
  { method: "POST", route: "/api/v2/actions/[name]/execute", expect: "object", on: "connections", path: (t) => `/api/v2/actions/${toolFor(t)}/execute`, body: (t) => ({ connectedAccountId: idOf(t), input: {} }) },
  { method: "POST", route: "/api/v2/actions/[name]/execute", expect: "object", on: "none", path: () => "/api/v2/actions/SANDBOX_KEY_LIST_NOTES/execute", body: () => ({ entityId: B.user, input: {} }) },
  { method: "POST", route: "/api/v2/actions/proxy", expect: "object", on: "connections", path: () => "/api/v2/actions/proxy", body: (t) => ({ connectedAccountId: idOf(t), endpoint: "/api/me", method: "GET" }) },
  { method: "GET", route: "/api/v2/actions", expect: "global", on: "none", path: () => "/api/v2/actions?apps=sandbox_key" },
  { method: "GET", route: "/api/v2/actions/list/all", expect: "global", on: "none", path: () => "/api/v2/actions/list/all?apps=sandbox_key" },
  { method: "GET", route: "/api/v2/actions/[name]", expect: "global", on: "none", path: () => "/api/v2/actions/SANDBOX_KEY_LIST_NOTES" },
  { method: "GET", route: "/api/v1/apps", expect: "global", on: "none", path: () => "/api/v1/apps" },
  { method: "GET", route: "/api/v1/apps/[key]", expect: "global", on: "none", path: () => "/api/v1/apps/sandbox_key" },
  { method: "GET", route: "/api/v1/integrations/[id]", expect: "object", on: "integrations", path: (t) => `/api/v1/integrations/${idOf(t)}` },
  { method: "GET", route: "/api/v1/integrations", expect: "list", on: "none", path: () => "/api/v1/integrations?showDisabled=true&pageSize=1000" },
  { method: "POST", route: "/api/v2/integrations/create", expect: "global", on: "none", path: () => "/api/v2/integrations/create", body: () => ({ projectId: B.projectId, app: { uniqueKey: "github" }, config: { name: unique("tenancy-a-legacy-github"), integrationSecrets: { client_id: "Iv1.tenancy", client_secret: "cs_tenancy_legacy_in_a_0123456789" } } }) },
  { method: "POST", route: "/api/v2/integrations/get-or-create", expect: "list", on: "none", path: () => "/api/v2/integrations/get-or-create", body: () => ({ projectId: B.projectId, app: { uniqueKey: "sandbox_key" }, config: {} }) },
  // Python SDK routes (legacy face): the key check, its cache fill, integrations it creates
  { method: "GET", route: "/api/v1/client/auth/client_info", expect: "list", on: "none", path: () => "/api/v1/client/auth/client_info" },
  { method: "GET", route: "/api/v1/triggers", expect: "list", on: "none", path: () => "/api/v1/triggers" },
  { method: "GET", route: "/api/v1/connectedAccounts", expect: "list", on: "none", path: () => "/api/v1/connectedAccounts?pageSize=99999999&showDisabled=true" },
  { method: "POST", route: "/api/v1/integrations", expect: "global", on: "none", path: () => "/api/v1/integrations", body: () => ({ projectId: B.projectId, appId: "sandbox_key", name: unique("tenancy-a-python"), useComposioAuth: false, authScheme: "API_KEY", authConfig: {} }) },
  // Webhook subscriptions (issue 14)
  { method: "GET", route: "/api/v3.1/webhook_subscriptions", expect: "list", on: "none", path: () => "/api/v3.1/webhook_subscriptions" },
  { method: "POST", route: "/api/v3.1/webhook_subscriptions", expect: "global", on: "none", path: () => "/api/v3.1/webhook_subscriptions", body: () => ({ project_id: B.projectId, webhook_url: "https://example.com/tenancy-a-hook", enabled_events: ["webhook.test"] }) },
  { method: "GET", route: "/api/v3.1/webhook_subscriptions/event_types", expect: "global", on: "none", path: () => "/api/v3.1/webhook_subscriptions/event_types" },
  { method: "GET", route: "/api/v3.1/webhook_subscriptions/[id]", expect: "object", on: "webhooks", path: (t) => `/api/v3.1/webhook_subscriptions/${idOf(t)}` },
  { method: "PATCH", route: "/api/v3.1/webhook_subscriptions/[id]", expect: "object", on: "webhooks", path: (t) => `/api/v3.1/webhook_subscriptions/${idOf(t)}`, body: () => ({ webhook_url: "https://example.com/taken-over-by-a", enabled: false }) },
  { method: "POST", route: "/api/v3.1/webhook_subscriptions/[id]/rotate_secret", expect: "object", on: "webhooks", path: (t) => `/api/v3.1/webhook_subscriptions/${idOf(t)}/rotate_secret` },
  // Tool router (MCP) sessions (issue 12): B's session, or B's account pinned into a session of A's
  { method: "POST", route: "/api/v3.1/tool_router/session", expect: "object", on: "connections", path: () => "/api/v3.1/tool_router/session", body: (t) => ({ user_id: B.user, toolkits: [t.kind === "connection" ? t.app : "sandbox_key"], connected_accounts: { [t.kind === "connection" ? t.app : "sandbox_key"]: [idOf(t)] } }) },
  { method: "POST", route: "/api/v3.1/tool_router/session", expect: "global", on: "none", path: () => "/api/v3.1/tool_router/session", body: () => ({ project_id: B.projectId, user_id: ATTACKER, toolkits: ["sandbox_key"] }) },
  { method: "GET", route: "/api/v3.1/tool_router/session/[id]", expect: "object", on: "sessions", path: (t) => `/api/v3.1/tool_router/session/${idOf(t)}` },
  // Deletes last: a wrongly successful one must not hide the other rows' results.
  { method: "DELETE", route: "/api/v3.1/tool_router/session/[id]", expect: "object", on: "sessions", path: (t) => `/api/v3.1/tool_router/session/${idOf(t)}` },
  { method: "DELETE", route: "/api/v3.1/entities/[user_id]", expect: "object", on: "none", path: () => `/api/v3.1/entities/${B.user}` },
  { method: "DELETE", route: "/api/v3.1/webhook_subscriptions/[id]", expect: "object", on: "webhooks", path: (t) => `/api/v3.1/webhook_subscriptions/${idOf(t)}` },
  { method: "DELETE", route: "/api/v3.1/auth_configs/[id]", expect: "object", on: "integrations", path: (t) => `/api/v3.1/auth_configs/${idOf(t)}` },
  { method: "DELETE", route: "/api/v1/integrations/[id]", expect: "object", on: "integrations", path: (t) => `/api/v1/integrations/${idOf(t)}` },
  { method: "DELETE", route: "/api/v1/connectedAccounts/[id]", expect: "object", on: "connections", path: (t) => `/api/v1/connectedAccounts/${idOf(t)}` },
  { method: "DELETE", route: "/api/v3.1/connected_accounts/[id]", expect: "object", on: "connections", path: (t) => `/api/v3.1/connected_accounts/${idOf(t)}?revoke_on_delete=false` },
  { method: "DELETE", route: "/api/v3.1/connected_accounts/[id]", expect: "object", on: "connections", path: (t) => `/api/v3.1/connected_accounts/${idOf(t)}` },
];

function targets(on: Row["on"]): Target[] {
  if (on === "connections")
    return [
      { kind: "connection", id: B.keyAccount, app: "sandbox_key" },
      { kind: "connection", id: B.oauthAccount, app: "sandbox" },
    ];
  if (on === "integrations")
    return [
      { kind: "integration", id: B.keyConfig, app: "sandbox_key" },
      { kind: "integration", id: B.oauthConfig, app: "sandbox" },
    ];
  if (on === "webhooks") return [{ kind: "webhook", id: B.webhook }];
  if (on === "sessions") return [{ kind: "session", id: B.session }];
  return [{ kind: "none" }];
}

const bIds = () => [
  B.keyAccount,
  B.oauthAccount,
  B.keyConfig,
  B.oauthConfig,
  B.webhook,
  B.session,
  B.user,
  B.projectId,
];

/** Everything B's key can read about B's objects, to compare before and after each call. */
async function snapshotB(request: APIRequestContext): Promise<Record<string, string>> {
  const paths = [
    `/api/v3.1/connected_accounts/${B.keyAccount}`,
    `/api/v3.1/connected_accounts/${B.oauthAccount}`,
    `/api/v3.1/auth_configs/${B.keyConfig}`,
    `/api/v3.1/auth_configs/${B.oauthConfig}`,
    "/api/v3.1/connected_accounts?limit=1000",
    "/api/v3.1/auth_configs",
    `/api/v3.1/webhook_subscriptions/${B.webhook}`,
    "/api/v3.1/webhook_subscriptions",
    `/api/v3.1/tool_router/session/${B.session}`,
  ];
  const out: Record<string, string> = {};
  for (const p of paths) {
    const res = await request.get(p, { headers: keyHeaders(B.key) });
    out[p] = `${res.status()} ${await res.text()}`;
  }
  return out;
}

let admin: BrowserContext;
let switchActionId = "";

test.beforeAll(async ({ browser, request }) => {
  admin = await browser.newContext({ baseURL: BASE_URL });
  const page = await admin.newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
  await createProject(page, B.name);
  B.key = await createApiKey(page, unique("tenancy-b-key"));

  const post = async (path: string, data: unknown) => {
    const res = await request.post(path, { headers: keyHeaders(B.key), data: data as object });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
    return (await res.json()) as Record<string, unknown> & { id: string };
  };
  // B has no sandbox integrations seeded: create them with B's own key.
  B.keyConfig = (
    await post("/api/v3.1/auth_configs", {
      toolkit: { slug: "sandbox_key" },
      auth_config: { type: "use_custom_auth" },
    })
  ).id;
  B.oauthConfig = (
    await post("/api/v3.1/auth_configs", {
      toolkit: { slug: "sandbox" },
      auth_config: {
        type: "use_custom_auth",
        credentials: { client_id: "keyport", client_secret: "tenancy-b-made-up-secret-0123" },
      },
    })
  ).id;
  const keyAccount = await post("/api/v3.1/connected_accounts", {
    auth_config: { id: B.keyConfig },
    connection: { user_id: B.user, data: sbxKeyCredentials },
  });
  expect(keyAccount.status).toBe("ACTIVE");
  B.keyAccount = keyAccount.id;
  const link = (await post("/api/v3.1/connected_accounts/link", {
    auth_config_id: B.oauthConfig,
    user_id: B.user,
  })) as unknown as { connected_account_id: string; redirect_url: string };
  B.oauthAccount = link.connected_account_id;
  B.webhook = (
    await post("/api/v3.1/webhook_subscriptions", {
      webhook_url: "https://example.com/tenancy-b-hook",
      enabled_events: ["webhook.test"],
    })
  ).id;
  expect(link.redirect_url).toContain("/link/");
  const session = (await post("/api/v3.1/tool_router/session", {
    user_id: B.user,
    toolkits: ["sandbox_key"],
  })) as unknown as { session_id: string };
  B.session = session.session_id;
  expect(B.session).toBeTruthy();

  // B's project id, from the switcher's own server action (captured both ways).
  const capture = async (name: string) => {
    const [call] = await Promise.all([
      page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
      switchProject(page, name),
    ]);
    return call;
  };
  await capture("Default");
  const toB = await capture(B.name);
  switchActionId = toB.headers()["next-action"]!;
  B.projectId = /"projectId":"([^"]+)"/.exec(toB.postData() ?? "")?.[1] ?? "";
  expect(B.projectId).toMatch(/^prj_/);
  // The admin works in the Default project (A) from here on.
  await switchProject(page, "Default");
  await page.close();
});

test.afterAll(async () => {
  await admin?.close();
});

test("the matrix names every v1, v2 and v3.1 route file and method", () => {
  const discovered = discoverRoutes("api").filter((r) => /^\/api\/v(1|2|3\.1)\//.test(r.template));
  expect(discovered.length).toBeGreaterThan(20);
  const missing = discovered.flatMap((r) =>
    r.methods
      .filter((m) => !MATRIX.some((row) => row.route === r.template && row.method === m))
      .map((m) => `${m} ${r.template} (${r.file}): add a line to MATRIX`),
  );
  expect(missing).toEqual([]);
  const stale = MATRIX.filter(
    (row) => !discovered.some((r) => r.template === row.route && r.methods.includes(row.method)),
  ).map((row) => `${row.method} ${row.route}`);
  // Rows for legacy routes another engineer has not written yet are reported, not run.
  for (const s of stale)
    test.info().annotations.push({ type: "route not present (row not run)", description: s });
  const objectRows = MATRIX.filter((r) => r.expect === "object");
  test.info().annotations.push({
    type: "coverage",
    description: `${MATRIX.length} rows (${objectRows.length} on B's objects) over ${discovered.length} route files; ${MATRIX.reduce((n, r) => n + targets(r.on).length, 0)} calls`,
  });
});

test("B's key sees B's objects (the fixture works)", async ({ request }) => {
  for (const path of [
    `/api/v3.1/connected_accounts/${B.keyAccount}`,
    `/api/v3.1/connected_accounts/${B.oauthAccount}`,
    `/api/v3.1/auth_configs/${B.keyConfig}`,
    `/api/v3.1/auth_configs/${B.oauthConfig}`,
  ]) {
    const res = await request.get(path, { headers: keyHeaders(B.key) });
    expect(res.status(), path).toBe(200);
  }
  // …and the Default key (A) works for A's own objects.
  expect(
    (await request.get("/api/v3.1/connected_accounts", { headers: keyHeaders() })).status(),
  ).toBe(200);
});

test("every route × (key of the Default project A, object of project B) – 404 or no B data, and B unchanged", async ({
  request,
}) => {
  const problems: string[] = [];
  let before = await snapshotB(request);
  let calls = 0;
  for (const row of MATRIX) {
    if (!routeFileExists(row.route)) continue; // reported by the coverage test
    for (const t of targets(row.on)) {
      const path = row.path(t);
      const label = `${row.method} ${path}${row.body ? ` ${JSON.stringify(row.body(t))}` : ""}`;
      const res = await request.fetch(path, {
        method: row.method,
        headers: { ...keyHeaders(BOOTSTRAP_KEY) },
        ...(row.body ? { data: row.body(t) as object } : {}),
        maxRedirects: 0,
      });
      calls++;
      const text = await res.text();
      const pathname = new URL(path, BASE_URL).pathname;
      if (row.expect === "object") {
        if (res.status() !== 404) problems.push(`${label}: ${res.status()} ${text.slice(0, 300)}`);
        else if (!(await errorMessage(res, pathname)))
          problems.push(`${label}: 404 without a ${faceOf(pathname)} JSON error message`);
      } else if (res.status() >= (row.expect === "list" ? 300 : 500)) {
        problems.push(`${label}: ${res.status()} ${text.slice(0, 300)}`);
      }
      // Whatever the status, nothing of B comes back (B's own ids only where the caller sent them).
      const sent = `${path} ${row.body ? JSON.stringify(row.body(t)) : ""}`;
      for (const id of [...bIds(), B.name])
        if (!sent.includes(id) && text.includes(id)) problems.push(`${label}: answer holds ${id}`);
      if (row.expect !== "object" && text.includes(idOf(t)) && idOf(t))
        problems.push(`${label}: answer holds ${idOf(t)}`);
      const after = await snapshotB(request);
      for (const [k, v] of Object.entries(after))
        if (before[k] !== v)
          problems.push(`${label}: changed B's ${k}\n  before ${before[k]}\n  after  ${v}`);
      before = after;
    }
  }
  expect(problems).toEqual([]);
  expect(calls).toBeGreaterThan(50);
});

test("the attempts left no trace: A has no connection for the attacker's user, B none either", async ({
  request,
}) => {
  for (const key of [BOOTSTRAP_KEY, B.key]) {
    const res = await request.get(`/api/v3.1/connected_accounts?user_ids=${ATTACKER}`, {
      headers: keyHeaders(key),
    });
    expect(res.status()).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
  }
  // B still has exactly its two connections and two auth configs, enabled.
  const list = await request.get("/api/v3.1/connected_accounts", { headers: keyHeaders(B.key) });
  const items = ((await list.json()) as { items: Array<{ id: string; is_disabled: boolean }> })
    .items;
  expect(items.map((i) => i.id).sort()).toEqual([B.keyAccount, B.oauthAccount].sort());
  expect(items.every((i) => !i.is_disabled)).toBe(true);
  const configs = await request.get("/api/v3.1/auth_configs", { headers: keyHeaders(B.key) });
  const c = (await configs.json()) as {
    items: Array<{ id: string; status: string; name: string }>;
  };
  expect(c.items.map((i) => i.id).sort()).toEqual([B.keyConfig, B.oauthConfig].sort());
  expect(c.items.every((i) => i.status === "ENABLED" && i.name !== "taken over by A")).toBe(true);
  // B's key connection still works for B.
  const exec = await request.post("/api/v3.1/tools/execute/SANDBOX_KEY_LIST_NOTES", {
    headers: keyHeaders(B.key),
    data: { connected_account_id: B.keyAccount, arguments: {} },
  });
  expect(exec.status(), await exec.text()).toBe(200);
  const ran = (await exec.json()) as { successful: boolean; log_id: string };
  expect(ran.successful).toBe(true);
  B.logId = ran.log_id;
  B.requestId = exec.headers()["x-request-id"] ?? "";
});

test("dashboard – an operator session on project A gets 404 for B's objects (route handler and pages)", async () => {
  const page = await admin.newPage();
  await page.goto("/");
  await expect(page.getByTestId("current-project")).toHaveText("Default");
  const api = await page.request.get(`/api/dashboard/connections/${B.keyAccount}`);
  expect(api.status(), await api.text()).toBe(404);
  expect(await api.text()).not.toContain(B.user);
  for (const path of [
    `/connections/${B.keyAccount}`,
    `/connections/${B.oauthAccount}`,
    `/integrations/${B.keyConfig}`,
    `/integrations/${B.oauthConfig}`,
    `/logs/${B.logId}`,
    `/settings/webhooks/${B.webhook}`,
  ]) {
    await page.goto(path);
    // The dashboard streams (loading skeleton), so the status may already be 200: the page shows Not found.
    await expect(
      page.getByRole("heading", { name: "This page could not be found." }),
    ).toBeVisible();
    const html = await page.content();
    // (B's name is in the project switcher: the admin is a member of B. B's objects are not shown.)
    expect(html, path).not.toContain(B.user);
  }
  // B's executions are not in A's log export, by request id or at all.
  for (const format of ["csv", "ndjson"]) {
    const exported = await page.request.get(
      `/api/dashboard/logs/export?format=${format}&request=${B.requestId}`,
    );
    expect(exported.status()).toBe(200);
    expect((await exported.text()).split("\n").filter((l) => l.includes("log_"))).toEqual([]);
    const all = await page.request.get(`/api/dashboard/logs/export?format=${format}`);
    expect(await all.text()).not.toContain(B.logId);
  }
  // B's user is not one of A's entities (the URL itself names the user, so only B's ids are checked).
  await page.goto(`/entities/${encodeURIComponent(B.user)}`);
  await expect(page.getByRole("heading", { name: "This page could not be found." })).toBeVisible();
  const html = await page.content();
  for (const id of [B.keyAccount, B.oauthAccount, B.keyConfig, B.oauthConfig])
    expect(html).not.toContain(id);
  await page.close();
});

test("dashboard – an operator of A only cannot switch to project B with a forged switchProjectAction", async ({
  browser,
}) => {
  const adminPage = await admin.newPage();
  const email = `${unique("tenancy-viewer")}@example.com`;
  const password = await addActiveOperator(adminPage, {
    email,
    name: "Tina Tenant",
    role: "viewer",
  });
  await adminPage.close();

  const context = await browser.newContext({ baseURL: BASE_URL });
  const viewer = await context.newPage();
  await signIn(viewer, email, password);
  await expect(viewer.getByTestId("current-project")).toHaveText("Default");
  const res = await viewer.request.post("/", {
    headers: actionHeaders(switchActionId, BASE_URL),
    data: JSON.stringify([{ projectId: B.projectId }]),
  });
  const text = await res.text();
  expect(text).toContain("Project not found");
  expect(text).not.toContain(B.name);
  await viewer.reload();
  await expect(viewer.getByTestId("current-project")).toHaveText("Default");
  const api = await viewer.request.get(`/api/dashboard/connections/${B.keyAccount}`);
  expect(api.status()).toBe(404);
  await context.close();
});
