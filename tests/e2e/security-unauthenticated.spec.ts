// Every route handler, page and server action checks authorization itself (SECURITY.md 25), keys
// never travel in URLs (18) and a connect link reads nothing (26). Routes, pages and actions are
// discovered at test time, so a new one is covered without touching this file.
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { ADMIN, BASE_URL, BOOTSTRAP_KEY } from "../support/e2e-env";
import { captureCreateKeyAction, signIn, unique } from "../support/e2e/dashboard";
import {
  actionHeaders,
  discoverPages,
  discoverRoutes,
  errorMessage,
  expandTemplate,
  PLACEHOLDER_SAMPLES,
  pageUrlOfRouteKey,
  serverActions,
  type Method,
  type RouteFile,
  type Samples,
} from "../support/e2e/security";
import { authConfigId, createLink, keyHeaders } from "../support/e2e/api";

/** API routes that answer without credentials on purpose, and why. Anything else must be 401. */
const PUBLIC_API: Array<{ prefix: string; why: string }> = [
  { prefix: "/api/health", why: "readiness probe: no project data" },
  {
    prefix: "/api/oauth/callback",
    why: "the provider's redirect; the flow state is the authority",
  },
  { prefix: "/api/auth/", why: "Auth.js sign-in, sign-out and session endpoints" },
  { prefix: "/api/bench/floor", why: "constant answer for the benchmark" },
  {
    prefix: "/api/[...path]",
    why: "any path no route serves: a JSON 404 before credentials are read; no project data",
  },
  {
    prefix: "/api/v3.1/openapi.json",
    why: "the API's description (documented in docs/composio-sdks.md); no project data",
  },
];
const isPublic = (template: string) =>
  PUBLIC_API.some((p) => template === p.prefix || template.startsWith(p.prefix));
const isDashboardApi = (template: string) => template.startsWith("/api/dashboard/");

/** Server actions that run without an operator session on purpose. */
const PUBLIC_ACTIONS: Record<string, string> = {
  signInAction: "the sign-in form itself",
  signOutAction: "ends the caller's own session (none here)",
  submitCredentialsAction: "the connect page's form; the link token is the authority",
};

const FORGED_SESSION = "authjs.session-token=forged-by-the-security-spec";

const apiRoutes = discoverRoutes("api");
const protectedRoutes = apiRoutes.filter((r) => !isPublic(r.template));
const dashboardPages = discoverPages("(dashboard)");

/** Real objects of the Default project, so a handler that skipped its check would find something. */
const samples: Samples = structuredClone(PLACEHOLDER_SAMPLES);
/** Values that must not appear in any answer to an unauthenticated request. */
const projectData: string[] = [BOOTSTRAP_KEY, ADMIN.email, "kp_live_"];
const userId = unique("sec_unauth").replace(/-/g, "_");

test.beforeAll(async ({ request }) => {
  const keyConfig = await authConfigId(request, "sandbox_key");
  const created = await request.post("/api/v3.1/connected_accounts", {
    headers: keyHeaders(),
    data: {
      auth_config: { id: keyConfig },
      connection: { user_id: userId, data: { api_key: "sbx_demo_key" } },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const connectionId = ((await created.json()) as { id: string }).id;
  const link = await createLink(request, "sandbox", userId);
  samples.connection = [connectionId];
  samples.integration = [keyConfig];
  samples.entity = [userId];
  samples.linkToken = [link.redirect_url.split("/link/")[1]!];
  projectData.push(connectionId, keyConfig, userId, link.connected_account_id);
});

/** One URL per route (the real ids above), with each exported method. */
function calls(routes: RouteFile[]): Array<{ method: Method; url: string; template: string }> {
  return routes.flatMap((r) =>
    r.methods.map((method) => ({
      method,
      template: r.template,
      url: expandTemplate(r.template, samples)[0]!,
    })),
  );
}

async function send(
  request: APIRequestContext,
  call: { method: Method; url: string },
  headers: Record<string, string> = {},
  suffix = "",
) {
  return request.fetch(`${call.url}${suffix}`, {
    method: call.method,
    headers,
    // A well-formed JSON body, so a handler that skipped its check would get as far as it can.
    ...(call.method === "GET" || call.method === "DELETE" ? {} : { data: {} }),
    maxRedirects: 0,
  });
}

/** `401` with a JSON error message in the face's shape, else a description of what came back. */
async function refusal(res: Awaited<ReturnType<typeof send>>, url: string): Promise<string | null> {
  const message = await errorMessage(res, new URL(url, BASE_URL).pathname);
  if (res.status() === 401 && message) return null;
  const body = (await res.text()).slice(0, 160);
  return `${res.status()} ${res.headers()["content-type"] ?? ""} ${body}`;
}

test("route discovery – finds the API routes, the dashboard pages and the server actions", () => {
  expect(apiRoutes.length).toBeGreaterThan(20);
  expect(apiRoutes.map((r) => r.template)).toEqual(
    expect.arrayContaining([
      "/api/v3.1/connected_accounts/[id]",
      "/api/v3.1/tools/execute/proxy",
      "/api/dashboard/connections/[id]",
      "/api/health",
    ]),
  );
  expect(
    apiRoutes.every((r) => r.methods.length > 0),
    JSON.stringify(apiRoutes),
  ).toBe(true);
  // Every documented public route still exists (a stale entry would hide nothing, but mislead).
  for (const p of PUBLIC_API)
    expect(
      apiRoutes.some((r) => r.template.startsWith(p.prefix)),
      `${p.prefix} exists`,
    ).toBe(true);
  expect(dashboardPages.map((p) => p.template)).toEqual(
    expect.arrayContaining(["/", "/connections/[id]", "/settings/api-keys"]),
  );
  const methods = protectedRoutes.reduce((n, r) => n + r.methods.length, 0);
  test.info().annotations.push({
    type: "coverage",
    description: `${apiRoutes.length} API route files (${protectedRoutes.length} protected, ${methods} route × method pairs), ${dashboardPages.length} dashboard pages, ${serverActions().length} server actions`,
  });
});

test("every protected API route and method – without credentials is 401 with a JSON error message", async ({
  request,
}) => {
  const problems: string[] = [];
  for (const call of calls(protectedRoutes)) {
    const res = await send(request, call);
    const why = await refusal(res, call.url);
    if (why) problems.push(`${call.method} ${call.url}: ${why}`);
    const text = await res.text();
    for (const value of projectData)
      if (text.includes(value)) problems.push(`${call.method} ${call.url}: answer holds ${value}`);
  }
  expect(problems).toEqual([]);
});

test("every protected API route and method – an invalid, a revoked-looking or a Basic credential is 401", async ({
  request,
}) => {
  const problems: string[] = [];
  const variants: Array<Record<string, string>> = [
    { "x-api-key": `kp_live_${"A".repeat(32)}` },
    { authorization: `Bearer kp_live_${"B".repeat(32)}` },
    {
      authorization: `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.password}`).toString("base64")}`,
    },
    { cookie: FORGED_SESSION },
  ];
  for (const call of calls(protectedRoutes))
    for (const headers of variants) {
      const why = await refusal(await send(request, call, headers), call.url);
      if (why) problems.push(`${call.method} ${call.url} with ${Object.keys(headers)[0]}: ${why}`);
    }
  expect(problems).toEqual([]);
});

test("every protected API route and method – the bootstrap key in the query string is refused (401), also next to a valid header", async ({
  request,
}) => {
  const problems: string[] = [];
  for (const call of calls(protectedRoutes)) {
    for (const name of ["api_key", "apiKey", "x-api-key"]) {
      const alone = await send(request, call, {}, `?${name}=${BOOTSTRAP_KEY}`);
      const why = await refusal(alone, call.url);
      if (why) problems.push(`${call.method} ${call.url}?${name}=…: ${why}`);
    }
    if (isDashboardApi(call.template)) continue; // no API key is ever accepted there
    const withHeader = await send(request, call, keyHeaders(), `?api_key=${BOOTSTRAP_KEY}`);
    const why = await refusal(withHeader, call.url);
    if (why) problems.push(`${call.method} ${call.url}?api_key=… + x-api-key header: ${why}`);
    else {
      const message = await errorMessage(withHeader, new URL(call.url, BASE_URL).pathname);
      if (!/query string/i.test(message))
        problems.push(`${call.method} ${call.url}: the refusal does not say why ("${message}")`);
    }
  }
  expect(problems).toEqual([]);
});

test("a connect link token is not an API key – every protected route refuses it (SECURITY.md 26)", async ({
  request,
}) => {
  const token = samples.linkToken[0]!;
  const problems: string[] = [];
  for (const call of calls(protectedRoutes))
    for (const headers of [{ "x-api-key": token }, { authorization: `Bearer ${token}` }] as Array<
      Record<string, string>
    >) {
      const why = await refusal(await send(request, call, headers), call.url);
      if (why) problems.push(`${call.method} ${call.url} with ${Object.keys(headers)[0]}: ${why}`);
    }
  expect(problems).toEqual([]);
  // The link still works for what it is for: its own connect page.
  const page = await request.get(`/link/${token}`);
  expect(page.status()).toBe(200);
});

test("dashboard route handlers (app/api/dashboard/**) – without a session, or with a forged one, are 401", async ({
  request,
}) => {
  const dashboard = calls(protectedRoutes.filter((r) => isDashboardApi(r.template)));
  expect(dashboard.length).toBeGreaterThan(0);
  for (const call of dashboard) {
    for (const headers of [{}, { cookie: FORGED_SESSION }, keyHeaders()] as Array<
      Record<string, string>
    >) {
      const res = await send(request, call, headers);
      expect(await refusal(res, call.url), `${call.method} ${call.url}`).toBeNull();
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toBe("Sign in first");
    }
  }
});

test("the public routes answer without credentials and hold no project data", async ({
  request,
}) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true });
  expect((await request.get("/api/bench/floor")).status()).toBe(200);
  const session = await request.get("/api/auth/session");
  expect(session.status()).toBe(200);
  expect(await session.text()).not.toContain("@");
  const callback = await request.get("/api/oauth/callback", { maxRedirects: 0 });
  expect(callback.status()).toBeGreaterThanOrEqual(400);
  expect(callback.status()).toBeLessThan(500);
  for (const res of [health, session, callback, await request.get("/api/v3.1/openapi.json")]) {
    const text = await res.text();
    for (const value of projectData) expect(text, res.url()).not.toContain(value);
  }
  // Outside /api: the connect flow's start, authorized by the link token alone, and the built-in
  // sandbox's browser pages (an end user's browser signs in to the sandbox there).
  const outsideApi = discoverRoutes().filter((r) => !r.template.startsWith("/api/"));
  expect(outsideApi.map((r) => r.template).sort()).toEqual([
    "/link/[token]/start",
    "/sandbox/[...path]",
  ]);
  // Only the sandbox's sign-in pages pass: its token endpoint, notes API and test hooks do not,
  // and the operator's session cookie never reaches it.
  for (const path of ["/sandbox/token", "/sandbox/api/notes", "/sandbox/__sandbox/revoke-grants"]) {
    const res = await request.post(path, {
      headers: { cookie: FORGED_SESSION },
      form: { grant_type: "client_credentials" },
      maxRedirects: 0,
    });
    expect(res.status(), path).toBe(404);
  }
  const authorize = await request.get("/sandbox/auth", { maxRedirects: 0 });
  expect(authorize.status()).toBeGreaterThanOrEqual(300);
  expect(authorize.status()).toBeLessThan(500);
  const text = await authorize.text();
  for (const value of projectData) expect(text, "/sandbox/auth").not.toContain(value);
  const start = await request.post(`/link/${"x".repeat(43)}/start`, { maxRedirects: 0 });
  expect(start.status()).toBe(404);
  expect(start.headers()["set-cookie"]).toBeUndefined();
  expect(start.headers()["location"]).toBeUndefined();
});

/**
 * A server-action call without a session was refused. Past proxy.ts (`reached`) the action runs and
 * must answer its own refusal. Without any cookie, Next forwards a call made on another page to the
 * action's own page, where proxy.ts redirects: Next then answers `{}` and the action does not run.
 */
function refusedAction(status: number, text: string, reached: boolean): boolean {
  if (status === 200 && text.includes("Sign in first")) return true;
  if (reached) return false;
  return (status === 200 && text.trim() === "{}") || [302, 303, 307, 308].includes(status);
}

async function anonymousPage(browser: Browser, forgedCookie: boolean) {
  const context = await browser.newContext({ baseURL: BASE_URL });
  if (forgedCookie) {
    await context.addCookies([
      {
        name: "authjs.session-token",
        value: "forged-by-the-security-spec",
        url: BASE_URL,
      },
    ]);
  }
  return context.newPage();
}

test("every dashboard page – without a session redirects to /sign-in and shows no project data", async ({
  browser,
  request,
}) => {
  expect(dashboardPages.length).toBeGreaterThan(5);
  const page = await anonymousPage(browser, false);
  for (const p of dashboardPages) {
    const url = expandTemplate(p.template, samples)[0]!;
    // The raw answer: a redirect to /sign-in, with nothing of the page in it.
    const raw = await request.get(url, { maxRedirects: 0 });
    expect([302, 303, 307, 308], `${url} → ${raw.status()}`).toContain(raw.status());
    expect(new URL(raw.headers()["location"] ?? "", BASE_URL).pathname, url).toBe("/sign-in");
    // In a browser: it ends on the sign-in form.
    await page.goto(url);
    await expect(page, url).toHaveURL(`${BASE_URL}/sign-in`);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    const html = await page.content();
    for (const value of projectData) expect(html, `${url} shows ${value}`).not.toContain(value);
  }
  await page.context().close();
});

test("every dashboard page – with a forged session cookie (past proxy.ts) the page itself refuses", async ({
  browser,
  request,
}) => {
  const page = await anonymousPage(browser, true);
  for (const p of dashboardPages) {
    const url = expandTemplate(p.template, samples)[0]!;
    await page.goto(url);
    await expect(page, url).toHaveURL(`${BASE_URL}/sign-in`);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    const html = await page.content();
    for (const value of projectData) expect(html, `${url} shows ${value}`).not.toContain(value);
    // The RSC payload a client-side navigation would fetch holds nothing either.
    for (const headers of [
      { cookie: FORGED_SESSION },
      { cookie: FORGED_SESSION, rsc: "1" },
    ] as Array<Record<string, string>>) {
      const raw = await request.get(url, { headers, maxRedirects: 0 });
      expect(raw.status(), url).not.toBe(500);
      const text = await raw.text();
      // The router tree echoes the requested URL, so values that are part of it do not count.
      for (const value of projectData.filter((v) => !url.includes(v)))
        expect(text, `${url} (${JSON.stringify(headers)}) holds ${value}`).not.toContain(value);
    }
  }
  await page.context().close();
});

test("server actions – a captured createApiKeyAction replayed without cookies creates no key", async ({
  browser,
  playwright,
}) => {
  const context = await browser.newContext({ baseURL: BASE_URL });
  const admin = await context.newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  const name = unique("sec-replay-original");
  const { actionId, body: original } = await captureCreateKeyAction(admin, name);

  const anonymous = await playwright.request.newContext({ baseURL: BASE_URL });
  const replays: Array<{ name: string; path: string; cookie?: string }> = [
    { name: unique("sec-replay-nocookie"), path: "/settings/api-keys" },
    // /sign-in is outside proxy.ts; Next forwards the call to the action's own page.
    { name: unique("sec-replay-signin"), path: "/sign-in" },
    // Past proxy.ts: nothing but the action's own check stands in the way.
    { name: unique("sec-replay-forged"), path: "/settings/api-keys", cookie: FORGED_SESSION },
    { name: unique("sec-replay-forged-signin"), path: "/sign-in", cookie: FORGED_SESSION },
  ];
  for (const r of replays) {
    const res = await anonymous.post(r.path, {
      headers: {
        ...actionHeaders(actionId, BASE_URL),
        ...(r.cookie ? { cookie: r.cookie } : {}),
      },
      data: original.replace(name, r.name),
      maxRedirects: 0,
    });
    const text = await res.text();
    const where = `${r.path} ${r.cookie ? "forged cookie" : "no cookie"}: ${res.status()} ${text.slice(0, 200)}`;
    expect(text, where).not.toContain("kp_live_");
    expect(refusedAction(res.status(), text, Boolean(r.cookie)), where).toBe(true);
  }
  await anonymous.dispose();

  await admin.goto("/settings/api-keys");
  await expect(admin.getByRole("row", { name: new RegExp(name) })).toHaveCount(1);
  for (const r of replays) await expect(admin.getByText(r.name)).toHaveCount(0);
  await context.close();
});

test("server actions – every action of the build refuses a caller without a session", async ({
  playwright,
}) => {
  const actions = serverActions();
  expect(actions.map((a) => a.name)).toEqual(
    expect.arrayContaining(["createApiKeyAction", "addOperatorAction", "deleteConnectionAction"]),
  );
  const anonymous = await playwright.request.newContext({ baseURL: BASE_URL });
  const problems: string[] = [];
  let checked = 0;
  for (const action of actions) {
    if (PUBLIC_ACTIONS[action.name]) continue;
    const pageUrl = pageUrlOfRouteKey(action.pages[0] ?? "app/(dashboard)/page", samples);
    for (const target of [
      // Past proxy.ts (forged cookie), on its own page and on /sign-in: the action must refuse.
      { path: pageUrl, cookie: FORGED_SESSION },
      { path: "/sign-in", cookie: FORGED_SESSION },
      // No cookie at all, on /sign-in (outside proxy.ts).
      { path: "/sign-in", cookie: undefined },
    ]) {
      const res = await anonymous.post(target.path, {
        headers: {
          ...actionHeaders(action.id, BASE_URL),
          ...(target.cookie ? { cookie: target.cookie } : {}),
        },
        data: JSON.stringify([{}]),
        maxRedirects: 0,
      });
      const text = await res.text();
      const where = `${action.name} (${action.file}) at ${target.path}${target.cookie ? " with a forged cookie" : ""}`;
      if (!refusedAction(res.status(), text, Boolean(target.cookie)))
        problems.push(`${where}: ${res.status()} ${text.slice(0, 200)}`);
      for (const value of projectData)
        if (text.includes(value)) problems.push(`${where}: answer holds ${value}`);
      if (target.cookie && text.includes("Sign in first")) checked++;
    }
  }
  await anonymous.dispose();
  expect(problems).toEqual([]);
  // Every action was reached and refused by its own check (twice: own page and /sign-in).
  expect(checked).toBe(2 * actions.filter((a) => !PUBLIC_ACTIONS[a.name]).length);
});
