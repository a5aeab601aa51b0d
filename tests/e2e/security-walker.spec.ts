// Masked by default (SECURITY.md 16): secrets made through the product, then a walk over every API
// read route and every dashboard page (discovered, with real ids) asserting that none of them comes
// back in any body or header. Also the connect flow's headers (SECURITY.md 6).
import {
  expect,
  test,
  type APIResponse,
  type BrowserContext,
  type Page,
  type Response,
} from "@playwright/test";
import { ADMIN, BASE_URL, BOOTSTRAP_KEY, e2eServerEnv } from "../support/e2e-env";
import {
  addOperator,
  createApiKey,
  signIn,
  signInWithOneTimePassword,
  unique,
} from "../support/e2e/dashboard";
import {
  derivedSandboxClientSecret,
  discoverPages,
  discoverRoutes,
  expandTemplate,
  expectNoLeaks,
  PLACEHOLDER_SAMPLES,
  SecretBook,
  type Leak,
  type Samples,
} from "../support/e2e/security";
import {
  authConfigId,
  authorizeAtSandbox,
  createLink,
  getAccount,
  keyHeaders,
} from "../support/e2e/api";

const book = new SecretBook();
const samples: Samples = structuredClone(PLACEHOLDER_SAMPLES);
const ids = {
  connections: [] as string[],
  integrations: [] as string[],
  users: [] as string[],
  liveLinks: [] as string[],
};
/** Responses of the connect flow in a browser, for the header checks. */
const flowResponses: Array<{ url: string; status: number; headers: Record<string, string> }> = [];

let admin: BrowserContext;

const user = (what: string) => unique(`walker_${what}`).replace(/-/g, "_");
const tokenOf = (redirectUrl: string) => redirectUrl.split("/link/")[1]!;
/** A link token may appear in its own connect page (and its start route), nowhere else. */
const ownLinkPage = (token: string) => new RegExp(`/link/${token}(/start)?(\\?|\\s|$)`);

test.afterAll(async () => {
  await admin?.close();
});

// Made once per worker: each test below stands on its own (a failure does not skip the others).
test.beforeAll(async ({ browser, request }) => {
  test.setTimeout(180_000);
  admin = await browser.newContext({ baseURL: BASE_URL });
  await signIn(await admin.newPage(), ADMIN.email, ADMIN.password);
  // Secrets of the installation itself: never in an answer.
  book.add("bootstrap API key", BOOTSTRAP_KEY, { wholeOnly: true });
  book.add("admin password", ADMIN.password, { wholeOnly: true });
  book.add("AUTH_SECRET", e2eServerEnv.AUTH_SECRET!, { wholeOnly: true });
  book.add("encryption key", e2eServerEnv.KEYPORT_ENCRYPTION_KEYS!.split(":")[1]!, {
    wholeOnly: true,
  });
  book.add(
    "Default project's sandbox client secret",
    derivedSandboxClientSecret(e2eServerEnv.AUTH_SECRET!),
  );
  ids.integrations.push(
    await authConfigId(request, "sandbox"),
    await authConfigId(request, "sandbox_key"),
  );

  // A Keyport API key, created in the UI (shown once).
  const page = await admin.newPage();
  const uiKey = await createApiKey(page, unique("walker-key"));
  book.add("API key created in the UI", uiKey, { publicPrefix: 12 });

  // An operator's one-time password, and the password they then choose.
  const email = `${unique("walker-support")}@example.com`;
  const otp = await addOperator(page, { email, name: "Walt Walker", role: "support" });
  book.add("operator one-time password", otp);
  const operator = await browser.newContext({ baseURL: BASE_URL });
  const opPage = await operator.newPage();
  const chosen = book.fresh("operator's chosen password", "pw_walker_");
  // The first sign-in forces the change from the one-time password to their own.
  await signInWithOneTimePassword(opPage, email, otp, chosen);
  await operator.close();

  // Integration client secrets: v3.1 create + PATCH, the legacy create, and the dashboard form.
  const v3Secret = book.fresh("github client secret (v3.1 create)", "cs_walker_v3_");
  const created = await request.post("/api/v3.1/auth_configs", {
    headers: keyHeaders(),
    data: {
      toolkit: { slug: "github" },
      auth_config: {
        type: "use_custom_auth",
        name: unique("walker github v3"),
        credentials: { client_id: "Iv1.walkerv3", client_secret: v3Secret },
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const v3Id = ((await created.json()) as { id: string }).id;
  const patchedSecret = book.fresh("github client secret (v3.1 PATCH)", "cs_walker_patch_");
  const patched = await request.patch(`/api/v3.1/auth_configs/${v3Id}`, {
    headers: keyHeaders(),
    data: { credentials: { client_secret: patchedSecret } },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  ids.integrations.push(v3Id);

  const legacySecret = book.fresh("gitlab client secret (legacy create)", "cs_walker_legacy_");
  const legacy = await request.post("/api/v2/integrations/create", {
    headers: keyHeaders(),
    data: {
      app: { uniqueKey: "gitlab" },
      config: {
        name: unique("walker gitlab legacy"),
        integrationSecrets: { client_id: "walker-gitlab", client_secret: legacySecret },
      },
    },
  });
  expect(legacy.status(), await legacy.text()).toBe(201);
  ids.integrations.push(((await legacy.json()) as { integrationId: string }).integrationId);

  const uiSecret = book.fresh("github client secret (dashboard form)", "cs_walker_ui_");
  await page.goto("/integrations/new?app=github");
  await page.getByLabel("Name", { exact: true }).fill(unique("walker github ui"));
  await page.getByLabel("Client id").fill("Iv1.walkerui");
  await page.getByLabel("Client secret").fill(uiSecret);
  await page.getByRole("button", { name: "Create integration" }).click();
  await expect(page).toHaveURL(/\/integrations\?created=ac_/);
  ids.integrations.push(new URL(page.url()).searchParams.get("created")!);
  await page.close();

  // Connections: sandbox_key through the v3.1 API and through the connect page's form.
  book.add("sandbox API key", "sbx_demo_key");
  const apiUser = user("key_api");
  const keyAccount = await request.post("/api/v3.1/connected_accounts", {
    headers: keyHeaders(),
    data: {
      auth_config: { id: await authConfigId(request, "sandbox_key") },
      connection: { user_id: apiUser, data: { api_key: "sbx_demo_key" } },
    },
  });
  expect(keyAccount.status(), await keyAccount.text()).toBe(201);
  ids.connections.push(((await keyAccount.json()) as { id: string }).id);
  ids.users.push(apiUser);

  const endUser = await browser.newContext({ baseURL: BASE_URL });
  const formUser = user("key_form");
  const formLink = await createLink(request, "sandbox_key", formUser);
  book.add("used link token (form)", tokenOf(formLink.redirect_url), {
    allowedWhere: ownLinkPage(tokenOf(formLink.redirect_url)),
  });
  const formPage = await endUser.newPage();
  await formPage.goto(formLink.redirect_url);
  await formPage.getByLabel(/API key/i).fill("sbx_demo_key");
  await formPage.getByRole("button", { name: /Connect/ }).click();
  await expect(formPage.getByRole("heading", { name: "Connected" })).toBeVisible();
  ids.connections.push(formLink.connected_account_id);
  ids.users.push(formUser);

  // The sandbox OAuth flow: record the authorization code and state the browser carried.
  const oauthUser = user("oauth");
  const oauthLink = await createLink(request, "sandbox", oauthUser);
  const oauthToken = tokenOf(oauthLink.redirect_url);
  book.add("used link token (OAuth)", oauthToken, { allowedWhere: ownLinkPage(oauthToken) });
  const flowPage = await endUser.newPage();
  let callbackUrl = "";
  flowPage.on("request", (r) => {
    if (r.url().startsWith(`${BASE_URL}/api/oauth/callback`)) callbackUrl = r.url();
  });
  flowPage.on("response", (r) => {
    if (r.url().startsWith(BASE_URL))
      void r
        .allHeaders()
        .then((headers) => flowResponses.push({ url: r.url(), status: r.status(), headers }));
  });
  await authorizeAtSandbox(flowPage, oauthLink.redirect_url, oauthUser.slice(0, 40));
  await expect(flowPage.getByRole("heading", { name: "Connected" })).toBeVisible();
  const callback = new URL(callbackUrl);
  book.add("OAuth authorization code", callback.searchParams.get("code")!, {
    allowedWhere: /\/api\/oauth\/callback\?/,
  });
  book.add("OAuth state", callback.searchParams.get("state")!, {
    allowedWhere: /\/api\/oauth\/callback\?/,
  });
  await expect
    .poll(async () => (await getAccount(request, oauthLink.connected_account_id)).body.status)
    .toBe("ACTIVE");
  ids.connections.push(oauthLink.connected_account_id);
  ids.users.push(oauthUser);
  await endUser.close();

  // Live links (not used): their tokens may appear only on their own connect page.
  for (const app of ["sandbox", "sandbox_key"]) {
    const link = await createLink(request, app, user(`live_${app}`));
    const token = tokenOf(link.redirect_url);
    book.add(`live link token (${app})`, token, { allowedWhere: ownLinkPage(token) });
    ids.liveLinks.push(token);
    ids.connections.push(link.connected_account_id);
  }

  // An execution (its Logs detail page) and a webhook endpoint (its settings page), made through
  // the API; the endpoint's signing secret is shown once, in that answer, and nowhere else.
  const ran = await request.post("/api/v3.1/tools/execute/SANDBOX_KEY_LIST_NOTES", {
    headers: keyHeaders(),
    data: { connected_account_id: ids.connections[0], arguments: {} },
  });
  expect(ran.status(), await ran.text()).toBe(200);
  const logId = ((await ran.json()) as { log_id: string }).log_id;
  const hook = await request.post("/api/v3.1/webhook_subscriptions", {
    headers: keyHeaders(),
    data: { webhook_url: "https://example.com/walker-hook", enabled_events: ["webhook.test"] },
  });
  expect(hook.status(), await hook.text()).toBe(201);
  const endpoint = (await hook.json()) as { id: string; secret: string };
  book.add("webhook signing secret", endpoint.secret);

  Object.assign(samples, {
    execution: [logId],
    webhook: [endpoint.id],
    connection: ids.connections,
    integration: ids.integrations,
    entity: ids.users,
    toolkit: ["github", "gitlab", "sandbox", "sandbox_key"],
    tool: ["SANDBOX_LIST_NOTES", "SANDBOX_KEY_LIST_NOTES"],
    linkToken: ids.liveLinks,
    nextauth: ["session", "providers", "csrf"],
  } satisfies Partial<Samples>);
});

test("known secrets were made through the product (UI, both API faces, the connect flow)", () => {
  test.info().annotations.push({
    type: "secrets",
    description: `${book.secrets.length}: ${book.secrets.map((s) => s.label).join(", ")}`,
  });
  expect(book.secrets.length).toBeGreaterThanOrEqual(18);
  expect(ids.connections.length).toBe(5);
  expect(ids.integrations.length).toBe(5);
  expect(ids.liveLinks.length).toBe(2);
  expect(flowResponses.length).toBeGreaterThan(0);
});

test("error answers never echo a secret that was sent", async ({ browser, request }) => {
  const leaks: Leak[] = [];
  const probe = async (label: string, value: string, res: APIResponse) => {
    expect(book.secrets.some((x) => x.value === value)).toBe(true);
    expect(res.status(), `${label}: ${await res.text()}`).toBeGreaterThanOrEqual(400);
    expect(res.status(), label).toBeLessThan(500);
    leaks.push(...(await book.scanResponse(`${label} → ${res.status()}`, res)));
  };
  const wrongKey = book.fresh("refused sandbox key (v3.1 create)", "sbx_walker_wrong_");
  await probe(
    "refused sandbox key (v3.1 create)",
    wrongKey,
    await request.post("/api/v3.1/connected_accounts", {
      headers: keyHeaders(),
      data: {
        auth_config: { id: await authConfigId(request, "sandbox_key") },
        connection: { user_id: user("wrong"), data: { api_key: wrongKey } },
      },
    }),
  );
  const wrongPatch = book.fresh("refused sandbox key (v3.1 PATCH)", "sbx_walker_patch_");
  await probe(
    "refused sandbox key (v3.1 PATCH)",
    wrongPatch,
    await request.patch(`/api/v3.1/connected_accounts/${ids.connections[0]}`, {
      headers: keyHeaders(),
      data: { connection: { state: { authScheme: "API_KEY", val: { api_key: wrongPatch } } } },
    }),
  );
  const wrongLegacy = book.fresh("refused sandbox key (legacy initiate)", "sbx_walker_legacy_");
  await probe(
    "refused sandbox key (legacy initiate)",
    wrongLegacy,
    await request.post("/api/v2/connectedAccounts/initiateConnection", {
      headers: keyHeaders(),
      data: {
        app: { uniqueKey: "sandbox_key" },
        config: {},
        connection: { entityId: user("wrong_legacy"), initiateData: { api_key: wrongLegacy } },
      },
    }),
  );
  const refusedUrlSecret = book.fresh(
    "client secret with a refused token URL",
    "cs_walker_badurl_",
  );
  await probe(
    "client secret with a refused token URL",
    refusedUrlSecret,
    await request.post("/api/v3.1/auth_configs", {
      headers: keyHeaders(),
      data: {
        toolkit: { slug: "github" },
        auth_config: {
          type: "use_custom_auth",
          credentials: {
            client_id: "Iv1.walkerbad",
            client_secret: refusedUrlSecret,
            token_url: "http://169.254.169.254/latest/meta-data",
          },
        },
      },
    }),
  );
  const brokenJson = book.fresh("secret in a malformed JSON body", "cs_walker_json_");
  await probe(
    "secret in a malformed JSON body",
    brokenJson,
    await request.post("/api/v3.1/auth_configs", {
      headers: { ...keyHeaders(), "content-type": "application/json" },
      data: `{"toolkit":{"slug":"github"},"auth_config":{"credentials":{"client_secret":"${brokenJson}"}`,
    }),
  );
  const notAKey = book.fresh("unknown Keyport API key", "kp_live_");
  await probe(
    "unknown Keyport API key",
    notAKey,
    await request.get("/api/v3.1/connected_accounts", { headers: { "x-api-key": notAKey } }),
  );

  // The connect page's form: the refusal rendered for the end user does not repeat the key.
  const formWrong = book.fresh("refused sandbox key (connect form)", "sbx_walker_form_");
  const link = await createLink(request, "sandbox_key", user("form_wrong"));
  const context = await browser.newContext({ baseURL: BASE_URL });
  const page = await context.newPage();
  await page.goto(link.redirect_url);
  await page.getByLabel(/API key/i).fill(formWrong);
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/link/")),
    page.getByRole("button", { name: /Connect/ }).click(),
  ]);
  await expect(page.getByTestId("form-error")).toBeVisible();
  leaks.push(...(await book.scanResponse(`connect form POST → ${answer.status()}`, answer)));
  leaks.push(...book.scan("connect form error", await page.getByTestId("form-error").innerText()));
  await context.close();
  expectNoLeaks(leaks);
});

test("every API read route (discovered, real ids) – no secret in any body or header", async () => {
  test.setTimeout(180_000);
  const routes = discoverRoutes("api").filter((r) => r.methods.includes("GET"));
  const urls = new Set<string>();
  for (const r of routes) for (const url of expandTemplate(r.template, samples)) urls.add(url);
  // Lists with filters that select the walker's objects.
  const u = ids.users.join(",");
  for (const url of [
    "/api/v3.1/connected_accounts?limit=1000",
    `/api/v3.1/connected_accounts?user_ids=${u}`,
    `/api/v3.1/connected_accounts?connected_account_ids=${ids.connections.join(",")}`,
    "/api/v3.1/auth_configs?toolkit_slug=github",
    "/api/v3.1/auth_configs?toolkit_slug=gitlab",
    `/api/v1/connectedAccounts?user_uuid=${ids.users[0]}&showDisabled=true`,
    "/api/v1/connectedAccounts?pageSize=1000&showDisabled=true",
    "/api/v1/integrations?showDisabled=true&pageSize=1000",
    "/api/v1/integrations?appName=github",
  ])
    urls.add(url);

  // The admin's browser context: API routes get the Default key, dashboard and Auth.js routes the session.
  const leaks: Leak[] = [];
  const statuses: Record<number, number> = {};
  const failures: string[] = [];
  for (const url of urls) {
    const res = await admin.request.get(url, {
      headers: url.startsWith("/api/v") ? keyHeaders() : {},
      maxRedirects: 0,
    });
    statuses[res.status()] = (statuses[res.status()] ?? 0) + 1;
    if (res.status() >= 500) failures.push(`${url}: ${res.status()} ${await res.text()}`);
    leaks.push(...(await book.scanResponse(`GET ${url} → ${res.status()}`, res)));
  }
  test.info().annotations.push({
    type: "coverage",
    description: `${routes.length} GET route files, ${urls.size} URLs; statuses ${JSON.stringify(statuses)}`,
  });
  expect(failures).toEqual([]);
  expect(statuses[200] ?? 0).toBeGreaterThan(urls.size * 0.8);
  expectNoLeaks(leaks);
});

/** Open a page and scan its document, every same-origin answer it loads (RSC, fetches) and the DOM. */
async function walkPage(page: Page, url: string, leaks: Leak[]): Promise<number> {
  const seen: Array<Promise<Leak[]>> = [];
  const onResponse = (r: Response) => {
    if (!r.url().startsWith(BASE_URL) || r.url().includes("/_next/static/")) return;
    seen.push(book.scanResponse(`${url} ⇒ ${r.request().method()} ${r.url()} → ${r.status()}`, r));
  };
  page.on("response", onResponse);
  const res = await page.goto(url);
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
  page.off("response", onResponse);
  for (const found of await Promise.all(seen)) leaks.push(...found);
  leaks.push(...book.scan(`${url} [DOM]`, await page.content()));
  return res?.status() ?? 0;
}

test("every dashboard page (discovered, real ids) as admin – no secret in the HTML, RSC or fetches", async () => {
  test.setTimeout(240_000);
  const pages = discoverPages("(dashboard)");
  const urls = new Set<string>();
  for (const p of pages) for (const url of expandTemplate(p.template, samples)) urls.add(url);
  for (const url of [
    "/integrations/new?app=github",
    "/integrations/new?app=gitlab",
    "/integrations/new?app=sandbox",
    `/integrations?created=${ids.integrations.at(-1)}`,
    "/connections?status=ACTIVE",
    `/entities?q=walker`,
    "/apps?q=git",
  ])
    urls.add(url);
  const page = await admin.newPage();
  const leaks: Leak[] = [];
  const notOk: string[] = [];
  for (const url of urls) {
    const status = await walkPage(page, url, leaks);
    if (status !== 200) notOk.push(`${url} → ${status}`);
  }
  await page.close();
  test.info().annotations.push({
    type: "coverage",
    description: `${pages.length} dashboard page files, ${urls.size} URLs`,
  });
  expect(notOk).toEqual([]);
  expectNoLeaks(leaks);
});

test("public pages – sign-in, live connect links and /link/done – no secret", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: BASE_URL });
  const page = await context.newPage();
  const leaks: Leak[] = [];
  for (const url of [
    "/sign-in",
    "/link/done?status=success",
    "/link/done?status=error&error=access_denied",
    ...ids.liveLinks.map((t) => `/link/${t}`),
  ]) {
    expect(await walkPage(page, url, leaks), url).toBe(200);
  }
  await context.close();
  expectNoLeaks(leaks);
});

function expectFlowHeaders(what: string, headers: Record<string, string>) {
  expect(headers["referrer-policy"], `${what}: Referrer-Policy`).toBe("no-referrer");
  expect(headers["cache-control"] ?? "", `${what}: Cache-Control`).toContain("no-store");
}

test("connect page, start and callback answers carry Referrer-Policy: no-referrer and Cache-Control: no-store", async ({
  browser,
  request,
}) => {
  // The real flow of the first test, as the browser received it.
  const kinds = {
    page: flowResponses.filter((r) => /\/link\/[A-Za-z0-9_-]{20,}$/.test(new URL(r.url).pathname)),
    start: flowResponses.filter((r) => /\/link\/[^/]+\/start$/.test(new URL(r.url).pathname)),
    callback: flowResponses.filter((r) => new URL(r.url).pathname === "/api/oauth/callback"),
    done: flowResponses.filter((r) => new URL(r.url).pathname === "/link/done"),
  };
  for (const [kind, list] of Object.entries(kinds)) {
    expect(list.length, `${kind} seen in the flow`).toBeGreaterThan(0);
    for (const r of list) expectFlowHeaders(`${kind} ${r.status}`, r.headers);
  }
  expect(kinds.start.map((r) => r.status)).toContain(303);
  expect(kinds.callback.map((r) => r.status)).toContain(303);
  // The callback's redirect does not carry the code onwards.
  for (const r of kinds.callback) expect(r.headers["location"] ?? "").not.toContain("code=");
  // The binding cookie from /start: HttpOnly, SameSite=Lax.
  const bind = kinds.start.map((r) => r.headers["set-cookie"] ?? "").join("\n");
  expect(bind).toMatch(/kp_bind=[^;]+;.*HttpOnly/i);
  expect(bind).toMatch(/SameSite=Lax/i);

  // Live link page and error answers, fetched directly.
  const direct = [
    await request.get(`/link/${ids.liveLinks[0]}`),
    await request.get(`/link/${"x".repeat(43)}`),
    await request.post(`/link/${"x".repeat(43)}/start`, { maxRedirects: 0 }),
    await request.get("/api/oauth/callback", { maxRedirects: 0 }),
    await request.get(`/api/oauth/callback?code=walker&state=${"s".repeat(43)}`, {
      maxRedirects: 0,
    }),
    await request.get(`/api/oauth/callback?error=access_denied&state=${"s".repeat(43)}`, {
      maxRedirects: 0,
    }),
    await request.get("/link/done?status=success"),
  ];
  const leaks: Leak[] = [];
  for (const res of direct) {
    expectFlowHeaders(`${res.url()} ${res.status()}`, res.headers());
    expect(res.status(), res.url()).toBeLessThan(500);
    leaks.push(...(await book.scanResponse(`${res.url()} → ${res.status()}`, res)));
  }
  expectNoLeaks(leaks);

  // The connect page loads nothing from another origin.
  const context = await browser.newContext({ baseURL: BASE_URL });
  const page = await context.newPage();
  const foreign: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(BASE_URL) && !r.url().startsWith("data:")) foreign.push(r.url());
  });
  for (const token of ids.liveLinks) {
    await page.goto(`/link/${token}`);
    await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
  }
  expect(foreign).toEqual([]);
  await context.close();
});
