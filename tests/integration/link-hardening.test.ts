// Connect links hardened (issue 11 items 1, 2, 10) against the real sandbox server: the start
// refuses cross-site submissions and requires the page's CSRF token; a link is single-use, so a
// flow parked at the provider or started from a retired link never completes; an account change
// on reconnect is recorded; the return URL is re-checked against the allow-list at redirect time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, authFlows, connectionEvents, connections, linkTokens } from "@/db/schema";
import { startSandbox, type Sandbox } from "@/lib/sandbox";
import { randomToken } from "@/lib/crypto";
import { activateConnection } from "@/lib/core/activate";
import { systemActor, type Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { createProject, updateProjectSettings } from "@/lib/core/projects";
import { createIntegration } from "@/lib/core/integrations";
import { createReconnectLink, initiateConnection } from "@/lib/core/initiate";
import { linkCsrfToken } from "@/lib/core/link-csrf";
import { openLink } from "@/lib/core/link-context";
import { beginAuthorization, completeCallback } from "@/lib/core/connect-flow";
import { bindingCookieName } from "@/lib/http/binding-cookie";
import { bindLinkBrowser, startLinkFlow } from "@/lib/http/link-start";
import { openTestDb, testDeps, type TestDb } from "../support/db";
import { authorizeAtProvider, sandboxStats } from "../support/oauth-browser";

const PUBLIC_URL = "http://localhost:3000";
const REDIRECT_URI = `${PUBLIC_URL}/api/oauth/callback`;
const CLIENT_ID = "keyport";
const CLIENT_SECRET = `cs_links_${randomToken(18)}`;
const APP_ORIGIN = "https://app.example.com";
const COOKIE = bindingCookieName(PUBLIC_URL);

let sandbox: Sandbox;
let issuer: string;
let handle: TestDb;
let deps: Deps;
let projectId: string;
let integrationId: string;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    accessTtlSeconds: 900,
    apiKeys: [],
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] }],
  });
  issuer = sandbox.issuer;
  handle = await openTestDb();
  deps = testDeps(handle, { sandboxOrigin: issuer, publicUrl: PUBLIC_URL, flowTtlSeconds: 600 });
  projectId = (await createProject(deps, { name: "Link hardening", actor: systemActor })).id;
  integrationId = (
    await createIntegration(deps, {
      projectId,
      appKey: "sandbox",
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      actor: systemActor,
    })
  ).id;
});

afterAll(async () => {
  await handle?.close();
  await sandbox?.close();
});

// ---------------------------------------------------------------------------------------------

async function newLink(userId: string, returnUrl?: string) {
  const { connection, link } = await initiateConnection(deps, {
    projectId,
    userId,
    integrationId,
    returnUrl,
    actor: systemActor,
  });
  return { connectionId: connection.id, token: link!.token };
}

/** A flow started from a link in one browser (binding), as the link page does. */
async function startFlow(token: string, binding = randomToken(32)) {
  const authorizeUrl = new URL(
    await beginAuthorization(deps, await openLink(deps, token), binding),
  );
  return { binding, authorizeUrl };
}

/** start + the end user at the provider; the callback query Keyport would receive. */
async function startAndAuthorize(token: string, username: string) {
  const started = await startFlow(token);
  const callback = await authorizeAtProvider(started.authorizeUrl, { username });
  return { ...started, query: callback.searchParams };
}

async function connectAs(userId: string, username: string, returnUrl?: string) {
  const { connectionId, token } = await newLink(userId, returnUrl);
  const f = await startAndAuthorize(token, username);
  await completeCallback(deps, f.query, f.binding);
  return connectionId;
}

/** The POST the link page's form makes, with the headers a browser would add. */
function startRequest(
  token: string,
  opts: { binding?: string; csrf?: string; headers?: Record<string, string> } = {},
): Request {
  const headers = new Headers({
    "content-type": "application/x-www-form-urlencoded",
    ...opts.headers,
  });
  if (opts.binding) headers.set("cookie", `${COOKIE}=${opts.binding}`);
  const body = new URLSearchParams();
  if (opts.csrf !== undefined) body.set("csrf", opts.csrf);
  return new Request(`${PUBLIC_URL}/link/${token}/start`, {
    method: "POST",
    headers,
    body: body.toString(),
  });
}

async function rowOf(id: string) {
  const [row] = await deps.db.select().from(connections).where(eq(connections.id, id));
  return row!;
}

const flowsOf = (id: string) =>
  deps.db.select().from(authFlows).where(eq(authFlows.connectionId, id));

async function eventsOf(id: string) {
  return deps.db
    .select({ type: connectionEvents.type, detail: connectionEvents.detail })
    .from(connectionEvents)
    .where(eq(connectionEvents.connectionId, id))
    .orderBy(connectionEvents.id);
}

const codeRequests = async () => (await sandboxStats(issuer)).token_requests.authorization_code;

async function refusal(p: Promise<unknown>): Promise<AppError> {
  let value: unknown;
  try {
    value = await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error(`expected a refusal, got ${JSON.stringify(value)}`);
}

const doneUrl = (id: string, status: string, error?: string) => {
  const u = new URL(`${PUBLIC_URL}/link/done`);
  u.searchParams.set("status", status);
  u.searchParams.set("connected_account_id", id);
  if (error) u.searchParams.set("error", error);
  u.searchParams.set("app", "sandbox");
  return u.toString();
};

// ---------------------------------------------------------------------------------------------

describe("POST /link/{token}/start (issue 11 item 1)", () => {
  it("refuses without this browser's CSRF token, from another site or another origin: 403, readable, no flow, no cookie", async () => {
    const { connectionId, token } = await newLink("u-csrf");
    const binding = randomToken(32);
    const csrf = linkCsrfToken(deps, token, binding);
    const other = await newLink("u-csrf-other");
    const refused: Array<[string, Request]> = [
      ["no token", startRequest(token, { binding })],
      ["empty token", startRequest(token, { binding, csrf: "" })],
      ["wrong token", startRequest(token, { binding, csrf: csrf.slice(0, -2) + "AA" })],
      // The attacker's own page gives them a valid token, but for THEIR browser's cookie.
      [
        "another browser's token",
        startRequest(token, { binding, csrf: linkCsrfToken(deps, token, randomToken(32)) }),
      ],
      [
        "another link's token",
        startRequest(token, { binding, csrf: linkCsrfToken(deps, other.token, binding) }),
      ],
      ["token without the cookie", startRequest(token, { csrf })],
      [
        "Sec-Fetch-Site: cross-site",
        startRequest(token, { binding, csrf, headers: { "sec-fetch-site": "cross-site" } }),
      ],
      [
        "Sec-Fetch-Site: same-site",
        startRequest(token, { binding, csrf, headers: { "sec-fetch-site": "same-site" } }),
      ],
      [
        "foreign Origin",
        startRequest(token, { binding, csrf, headers: { origin: "https://evil.example" } }),
      ],
      // A sandboxed frame or a privacy redirect: no origin, and the browser does not vouch for it.
      ["Origin: null", startRequest(token, { binding, csrf, headers: { origin: "null" } })],
      [
        "Origin: null from another site",
        startRequest(token, {
          binding,
          csrf,
          headers: { origin: "null", "sec-fetch-site": "cross-site" },
        }),
      ],
      [
        "look-alike Origin",
        startRequest(token, { binding, csrf, headers: { origin: "http://localhost:3001" } }),
      ],
    ];
    const before = await codeRequests();
    for (const [what, req] of refused) {
      const res = await startLinkFlow(deps, req, token);
      expect(res.status, what).toBe(403);
      expect(res.headers.get("set-cookie"), what).toBeNull();
      expect(res.headers.get("location"), what).toBeNull();
      expect(res.headers.get("content-type"), what).toMatch(/^text\/html/);
      expect(res.headers.get("cache-control"), what).toBe("no-store");
      const html = await res.text();
      expect(html, what).toMatch(/<h1>Cannot continue<\/h1>/);
      expect(html, what).toMatch(/another site|connect page in this browser/);
      expect(await flowsOf(connectionId), what).toEqual([]);
    }
    expect(await codeRequests()).toBe(before);
    expect((await rowOf(connectionId)).status).toBe("INITIATED");

    // The same link from its own page in the same browser: to the provider, one flow, cookie kept.
    // Chromium sends `Origin: null` there (the page's Referrer-Policy is no-referrer) with
    // `Sec-Fetch-Site: same-origin`; a script sends neither header.
    const sameBrowser: Array<Record<string, string>> = [
      { "sec-fetch-site": "same-origin", origin: "null" },
      { "sec-fetch-site": "same-origin", origin: PUBLIC_URL },
      {},
    ];
    for (const [i, headers] of sameBrowser.entries()) {
      const ok = await startLinkFlow(deps, startRequest(token, { binding, csrf, headers }), token);
      expect(ok.status, JSON.stringify(headers)).toBe(303);
      expect(new URL(ok.headers.get("location")!).origin).toBe(issuer);
      expect(ok.headers.get("set-cookie")).toContain(`${COOKIE}=${binding};`);
      expect(await flowsOf(connectionId)).toHaveLength(i + 1);
    }
  });

  it("an unknown link is 404 before any token check, and the binding step only sets a cookie", async () => {
    const res = await startLinkFlow(deps, startRequest("x".repeat(43)), "x".repeat(43));
    expect(res.status).toBe(404);
    expect(res.headers.get("set-cookie")).toBeNull();

    const { token } = await newLink("u-bind");
    const bind = bindLinkBrowser(deps, new Request(`${PUBLIC_URL}/link/${token}/start`), token);
    expect(bind.status).toBe(303);
    expect(bind.headers.get("location")).toBe(`${PUBLIC_URL}/link/${token}?bound=1`);
    expect(bind.headers.get("set-cookie")).toMatch(
      new RegExp(`^${COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax`),
    );
    expect(bindLinkBrowser(deps, new Request(PUBLIC_URL), "../x").status).toBe(404);
  });

  it("every connect, first or reconnect, sends prompt=consent so the provider names the account before activation", async () => {
    const { connectionId, token } = await newLink("u-prompt");
    const first = await startAndAuthorize(token, "paula");
    expect(first.authorizeUrl.searchParams.get("prompt")).toBe("consent");
    await completeCallback(deps, first.query, first.binding);
    const again = await createReconnectLink(deps, {
      projectId,
      id: connectionId,
      actor: systemActor,
    });
    const { authorizeUrl } = await startFlow(again.token);
    expect(authorizeUrl.searchParams.get("prompt")).toBe("consent");
    // The sandbox asks again and the reconnect completes.
    const callback = await authorizeAtProvider(authorizeUrl, { username: "paula" });
    expect(callback.searchParams.get("code")).toMatch(/^\S{8,}$/);
  });
});

describe("single-use links (issue 11 item 2)", () => {
  it("a flow parked before the link was used cannot complete after activation; the connection keeps its account", async () => {
    const { connectionId, token } = await newLink("u-parked");
    // Mallory starts a flow from the link and parks it at the provider, just before the callback.
    const parked = await startAndAuthorize(token, "mallory");
    // The real end user completes theirs from the same link.
    const real = await startAndAuthorize(token, "alice");
    expect(await flowsOf(connectionId)).toHaveLength(2);
    await completeCallback(deps, real.query, real.binding);
    expect((await rowOf(connectionId)).upstreamLogin).toBe("alice");
    // Activation deleted every pending flow of the connection.
    expect(await flowsOf(connectionId)).toEqual([]);

    const before = await codeRequests();
    const err = await refusal(completeCallback(deps, parked.query, parked.binding));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/already completed or is unknown/);
    expect(await codeRequests()).toBe(before);
    const row = await rowOf(connectionId);
    expect(row.upstreamLogin).toBe("alice");
    expect(row.status).toBe("ACTIVE");
    expect((await eventsOf(connectionId)).map((e) => e.type)).toEqual([
      "initiated",
      "link_created",
      "connected",
    ]);
  });

  it("two callbacks racing on one link: exactly one activates", async () => {
    const { connectionId, token } = await newLink("u-race");
    const a = await startAndAuthorize(token, "alice");
    const b = await startAndAuthorize(token, "mallory");
    const results = await Promise.allSettled([
      completeCallback(deps, a.query, a.binding),
      completeCallback(deps, b.query, b.binding),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AppError);
    const events = (await eventsOf(connectionId)).map((e) => e.type);
    expect(events.filter((t) => t === "connected" || t === "account_changed")).toEqual([
      "connected",
    ]);
    expect(await flowsOf(connectionId)).toEqual([]);
  });

  it("activation through a link that is no longer open stores nothing", async () => {
    const { connectionId, token } = await newLink("u-closed");
    const ctx = await openLink(deps, token);
    await createReconnectLink(deps, { projectId, id: connectionId, actor: systemActor });
    const err = await refusal(
      activateConnection(deps, {
        projectId,
        connectionId,
        secrets: { access_token: "at_should_not_be_stored_0123456789" },
        identity: { id: "x" },
        linkId: ctx.linkId,
      }),
    );
    expect(err.code).toBe("conflict");
    const row = await rowOf(connectionId);
    expect(row.status).toBe("INITIATED");
    expect(row.credentialsEnc).toBeNull();
  });

  it("a new reconnect link retires the older unused ones; a flow started from a retired link is refused at the callback", async () => {
    const { connectionId, token: first } = await newLink("u-super");
    const parked = await startAndAuthorize(first, "mallory");
    const second = await createReconnectLink(deps, {
      projectId,
      id: connectionId,
      actor: systemActor,
    });
    const links = await deps.db
      .select()
      .from(linkTokens)
      .where(eq(linkTokens.connectionId, connectionId))
      .orderBy(linkTokens.createdAt);
    expect(links.map((l) => [l.id, l.usedAt !== null])).toEqual([
      [links[0]!.id, true],
      [second.id, false],
    ]);
    expect((await refusal(openLink(deps, first))).message).toMatch(/replaced by a newer one/);
    expect((await openLink(deps, second.token)).linkId).toBe(second.id);

    const before = await codeRequests();
    const err = await refusal(completeCallback(deps, parked.query, parked.binding));
    expect(err.code).toBe("conflict");
    expect(err.message).toMatch(/replaced by a newer one/);
    expect(await codeRequests()).toBe(before);
    const row = await rowOf(connectionId);
    expect(row.status).toBe("INITIATED");
    expect(row.credentialsEnc).toBeNull();
    expect(row.upstreamIdentity).toBeNull();

    // The new link works.
    const real = await startAndAuthorize(second.token, "alice");
    expect(await completeCallback(deps, real.query, real.binding)).toBe(
      doneUrl(connectionId, "success"),
    );
    expect((await rowOf(connectionId)).upstreamLogin).toBe("alice");
  });

  it("a reconnect to another upstream account is recorded in the timeline and the audit log (old → new); the same account is a plain reconnect", async () => {
    const id = await connectAs("u-change", "alice");
    const same = await createReconnectLink(deps, { projectId, id, actor: systemActor });
    const s = await startAndAuthorize(same.token, "alice");
    await completeCallback(deps, s.query, s.binding);
    const other = await createReconnectLink(deps, { projectId, id, actor: systemActor });
    const o = await startAndAuthorize(other.token, "mallory");
    await completeCallback(deps, o.query, o.binding);

    expect((await rowOf(id)).upstreamLogin).toBe("mallory");
    const events = (await eventsOf(id)).filter(
      (e) => e.type !== "link_created" && e.type !== "initiated",
    );
    expect(events).toEqual([
      { type: "connected", detail: "Connected as alice" },
      { type: "reconnected", detail: "Connected as alice" },
      { type: "account_changed", detail: "Account changed: alice → mallory" },
    ]);
    const audits = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, id), eq(auditLog.verb, "connection.account_changed")));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      projectId,
      actorType: "system",
      actorLabel: "end user (connect link)",
      objectType: "connection",
      detail: {
        from: { id: "alice", login: "alice" },
        to: { id: "mallory", login: "mallory" },
        via: other.id,
      },
    });
  });
});

describe("return URLs re-checked at redirect time (issue 11 item 10)", () => {
  it("an origin removed from the allow-list after initiation sends the end user to Keyport's done page, on success and on failure", async () => {
    await updateProjectSettings(deps, {
      projectId,
      actor: systemActor,
      patch: { allowedReturnOrigins: [APP_ORIGIN] },
    });
    const returnUrl = `${APP_ORIGIN}/after?x=1`;
    const kept = await newLink("u-ret-kept", returnUrl);
    const k = await startAndAuthorize(kept.token, "rita");
    const removed = await newLink("u-ret-removed", returnUrl);
    const r = await startAndAuthorize(removed.token, "rita");
    const denied = await newLink("u-ret-denied", returnUrl);
    const dq = await startFlow(denied.token);
    const dc = await authorizeAtProvider(dq.authorizeUrl, { username: "rita", decision: "deny" });

    expect(await completeCallback(deps, k.query, k.binding)).toBe(
      `${returnUrl}&status=success&connected_account_id=${kept.connectionId}`,
    );
    await updateProjectSettings(deps, {
      projectId,
      actor: systemActor,
      patch: { allowedReturnOrigins: ["https://other.example.com"] },
    });
    expect(await completeCallback(deps, r.query, r.binding)).toBe(
      doneUrl(removed.connectionId, "success"),
    );
    expect((await rowOf(removed.connectionId)).status).toBe("ACTIVE");
    expect(await completeCallback(deps, dc.searchParams, dq.binding)).toBe(
      doneUrl(denied.connectionId, "failed", "access_denied"),
    );
  });
});
