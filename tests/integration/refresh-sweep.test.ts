// The background refresh sweep against the real sandbox provider and, for outages, a token
// endpoint on a local HTTP server: soonest expiry first, a token without a refresh token works
// until it expires and then turns EXPIRED once, transient failures back off, calls do not.
import { bindings } from "@/lib/core/bindings";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { connectionEvents, connections, integrations } from "@/db/schema";
import { activateConnection } from "@/lib/core/activate";
import { setConnectionEnabled } from "@/lib/core/connections";
import { systemActor, type Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { executeAction } from "@/lib/core/execute";
import { refreshConnection } from "@/lib/core/force-refresh";
import { createIntegration } from "@/lib/core/integrations";
import { initiateConnection } from "@/lib/core/initiate";
import { connectionsNeedingAttention } from "@/lib/core/overview";
import { createProject } from "@/lib/core/projects";
import { dueAction, refreshBackoffMs } from "@/lib/core/refresh";
import { unseal } from "@/lib/core/sealed";
import { refreshExpiringTokens } from "@/lib/core/sweeps";
import { createKeyring, randomToken } from "@/lib/crypto";
import type { Sandbox } from "@/lib/sandbox";
import { startTestSandbox } from "../support/sandbox";
import { openTestDb, testDeps, type TestDb } from "../support/db";
import { connectAtSandbox, sandboxStats } from "../support/oauth-browser";

const MINUTE = 60_000;
const CLIENT_SECRET = `cs_sweep_${randomToken(12)}`;
const actor = systemActor;
let sandbox: Sandbox;
let handle: TestDb;
let deps: Deps;
let projectId: string;
let sandboxIntegration: string;
let githubIntegration: string;
/** Every connection a test made; disabled afterwards so the next test's sweeps do not see them. */
const made: string[] = [];

/** A token endpoint standing in for GitHub's: 503 while down, fresh tokens while up. */
const tokenEndpoint = {
  up: false,
  hits: 0,
  expiresIn: 3600,
  server: undefined as Server | undefined,
  url: "",
};

async function connectSandbox(userId: string, username: string): Promise<string> {
  const id = await connectAtSandbox(deps, {
    projectId,
    userId,
    integrationId: sandboxIntegration,
    username,
  });
  made.push(id);
  return id;
}

/**
 * A GitHub connection holding the given tokens, stored the way the connect flow stores them, as
 * if they had been issued an hour before `expiresAt` (a call's margin depends on the lifetime).
 */
async function connectGithub(
  userId: string,
  secrets: Record<string, string>,
  expiresAt: Date,
): Promise<string> {
  const { connection } = await initiateConnection(deps, {
    projectId,
    userId,
    integrationId: githubIntegration,
    actor,
  });
  await activateConnection(deps, {
    projectId,
    connectionId: connection.id,
    secrets: { token_type: "bearer", ...secrets },
    expiresAt,
    identity: { id: "1", login: "octocat" },
  });
  await deps.db
    .update(connections)
    .set({ lastRefreshedAt: new Date(expiresAt.getTime() - 60 * MINUTE) })
    .where(eq(connections.id, connection.id));
  made.push(connection.id);
  return connection.id;
}

async function stateOf(id: string) {
  const [row] = await deps.db
    .select({
      status: connections.status,
      statusReason: connections.statusReason,
      expiresAt: connections.expiresAt,
      refreshFailures: connections.refreshFailures,
      nextRefreshAt: connections.nextRefreshAt,
      lastRefreshedAt: connections.lastRefreshedAt,
      updatedAt: connections.updatedAt,
    })
    .from(connections)
    .where(eq(connections.id, id));
  return row!;
}

async function eventsOf(id: string, type: string) {
  return deps.db
    .select({ detail: connectionEvents.detail })
    .from(connectionEvents)
    .where(and(eq(connectionEvents.connectionId, id), eq(connectionEvents.type, type)));
}

const setExpiry = (id: string, inMs: number) =>
  deps.db
    .update(connections)
    .set({ expiresAt: new Date(Date.now() + inMs) })
    .where(eq(connections.id, id));

/** Move a connection `ms` into the future: its issue time, expiry and backoff come that much closer. */
const timePasses = (id: string, ms: number) => {
  const by = sql`${`${ms} milliseconds`}::interval`;
  return deps.db
    .update(connections)
    .set({
      lastRefreshedAt: sql`${connections.lastRefreshedAt} - ${by}`,
      expiresAt: sql`${connections.expiresAt} - ${by}`,
      nextRefreshAt: sql`${connections.nextRefreshAt} - ${by}`,
    })
    .where(eq(connections.id, id));
};

/** The error a forced refresh (POST …/refresh) ends with. */
async function forceRefreshError(id: string): Promise<AppError> {
  const err: unknown = await refreshConnection(deps, { projectId, id, actor }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const sandboxRefreshes = async () =>
  (await sandboxStats(sandbox.issuer)).token_requests.refresh_token;

const near = (actual: Date | null, expected: number, slackMs = 5_000) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual!.getTime() - expected)).toBeLessThan(slackMs);
};

beforeAll(async () => {
  handle = await openTestDb();
  sandbox = await startTestSandbox({ clientSecret: CLIENT_SECRET, apiKeys: [] });
  const server = createServer((req, res) => {
    tokenEndpoint.hits++;
    req.resume();
    req.on("end", () => {
      if (!tokenEndpoint.up) {
        res.writeHead(503, { "content-type": "text/plain" }).end("Service Unavailable");
        return;
      }
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(
        JSON.stringify({
          access_token: `gho_${randomToken(12)}`,
          token_type: "bearer",
          expires_in: tokenEndpoint.expiresIn,
          refresh_token: `ghr_${randomToken(12)}`,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  tokenEndpoint.server = server;
  tokenEndpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/login/oauth/access_token`;

  deps = testDeps(handle, { sandboxOrigin: sandbox.issuer });
  projectId = (await createProject(deps, { name: "Refresh sweep", actor })).id;
  sandboxIntegration = (
    await createIntegration(deps, {
      projectId,
      appKey: "sandbox",
      clientId: "keyport",
      clientSecret: CLIENT_SECRET,
      actor,
    })
  ).id;
  githubIntegration = (
    await createIntegration(deps, {
      projectId,
      appKey: "github",
      clientId: "gh_client",
      clientSecret: "gh_secret",
      actor,
    })
  ).id;
  // The API takes only public https overrides (GitHub Enterprise); loopback is written directly.
  await deps.db
    .update(integrations)
    .set({ tokenUrl: tokenEndpoint.url })
    .where(eq(integrations.id, githubIntegration));
});

afterEach(async () => {
  for (const id of made.splice(0)) {
    await setConnectionEnabled(deps, { projectId, id, enabled: false, actor });
  }
  tokenEndpoint.up = false;
  tokenEndpoint.expiresIn = 3600;
});

afterAll(async () => {
  await new Promise((resolve) => tokenEndpoint.server?.close(resolve));
  await sandbox?.close();
  await handle?.close();
});

describe("refreshExpiringTokens", () => {
  it("refreshes the token that expires soonest first, and leaves tokens that are not due", async () => {
    const later = await connectSandbox("user_later", "liam");
    const expired = await connectSandbox("user_expired", "emma");
    const soon = await connectSandbox("user_soon", "sofia");
    const fresh = await connectSandbox("user_fresh", "finn");
    await setExpiry(later, 8 * MINUTE);
    await setExpiry(expired, -2 * MINUTE);
    await setExpiry(soon, 3 * MINUTE);
    const before = await sandboxRefreshes();
    const freshBefore = await stateOf(fresh);

    const refreshedNow = async () => {
      const rows = await Promise.all([later, expired, soon].map(stateOf));
      return [later, expired, soon].filter(
        (_, i) => rows[i]!.expiresAt!.getTime() > Date.now() + 10 * MINUTE,
      );
    };
    expect(await refreshExpiringTokens(deps, 1)).toBe(1);
    expect(await refreshedNow()).toEqual([expired]);
    expect(await refreshExpiringTokens(deps, 1)).toBe(1);
    expect(await refreshedNow()).toEqual([expired, soon]);
    expect(await refreshExpiringTokens(deps, 5)).toBe(1);
    expect(await refreshedNow()).toEqual([later, expired, soon]);
    expect(await refreshExpiringTokens(deps, 5)).toBe(0);

    expect((await sandboxRefreshes()) - before).toBe(3);
    expect((await stateOf(fresh)).updatedAt).toEqual(freshBefore.updatedAt);
    for (const id of [later, expired, soon]) {
      expect(await stateOf(id)).toMatchObject({
        status: "ACTIVE",
        refreshFailures: 0,
        nextRefreshAt: null,
      });
      expect(await eventsOf(id, "refreshed")).toHaveLength(1);
    }
  });

  it("two sweeps at once refresh each token once", async () => {
    const a = await connectSandbox("user_twin_a", "tara");
    const b = await connectSandbox("user_twin_b", "theo");
    await setExpiry(a, -MINUTE);
    await setExpiry(b, MINUTE);
    const before = await sandboxRefreshes();
    const [x, y] = await Promise.all([refreshExpiringTokens(deps), refreshExpiringTokens(deps)]);
    expect(x + y).toBe(2);
    expect((await sandboxRefreshes()) - before).toBe(2);
    expect(await eventsOf(a, "refreshed")).toHaveLength(1);
    expect(await eventsOf(b, "refreshed")).toHaveLength(1);
  });

  it("a token that lives less than the 10-minute lookahead is refreshed at half its life, not every sweep", async () => {
    const id = await connectGithub(
      "user_short",
      { access_token: "gho_old", refresh_token: "ghr_old" },
      new Date(Date.now() + MINUTE),
    );
    tokenEndpoint.up = true;
    tokenEndpoint.expiresIn = 300;
    const hits = tokenEndpoint.hits;
    expect(await refreshExpiringTokens(deps)).toBe(1);
    const s = await stateOf(id);
    near(s.expiresAt, Date.now() + 5 * MINUTE);
    near(s.nextRefreshAt, Date.now() + 2.5 * MINUTE);
    expect(await refreshExpiringTokens(deps)).toBe(0);
    await timePasses(id, 2.5 * MINUTE + 1_000);
    expect(await refreshExpiringTokens(deps)).toBe(1);
    expect(tokenEndpoint.hits - hits).toBe(2);
  });
});

describe("a token without a refresh token", () => {
  /** A sandbox connection whose provider gave no refresh token, valid for `validMs` more. */
  async function withoutRefreshToken(userId: string, username: string, validMs: number) {
    const id = await connectSandbox(userId, username);
    const [row] = await deps.db
      .select({ enc: connections.credentialsEnc })
      .from(connections)
      .where(eq(connections.id, id));
    const { refresh_token: _dropped, ...secrets } = unseal(
      deps,
      bindings.connectionCredentials(id),
      row!.enc!,
    );
    await activateConnection(deps, {
      projectId,
      connectionId: id,
      secrets,
      expiresAt: new Date(Date.now() + validMs),
      identity: { id: username, login: username },
    });
    return id;
  }

  const listNotes = (connectionId: string) =>
    executeAction(deps, {
      projectId,
      actor,
      action: "SANDBOX_LIST_NOTES",
      connectionId,
      arguments: {},
    });

  it("keeps working until it expires, then the sweep makes it EXPIRED once and never takes it again", async () => {
    const id = await withoutRefreshToken("user_norefresh", "nina", 8 * MINUTE);
    const refreshes = await sandboxRefreshes();

    // Still valid for 8 minutes: left ACTIVE, and the sweep comes back at the expiry, not before.
    expect(await refreshExpiringTokens(deps)).toBe(0);
    const waiting = await stateOf(id);
    expect(waiting.status).toBe("ACTIVE");
    expect(waiting.refreshFailures).toBe(0);
    expect(waiting.nextRefreshAt).toEqual(waiting.expiresAt);
    expect(await refreshExpiringTokens(deps)).toBe(0);
    expect((await stateOf(id)).updatedAt).toEqual(waiting.updatedAt);

    // 4 minutes left, inside the 5-minute margin of a call: the token in hand is used.
    await timePasses(id, 4 * MINUTE);
    expect((await listNotes(id)).successful).toBe(true);
    const refused = await forceRefreshError(id);
    expect(refused.code).toBe("bad_request");
    expect(refused.message).toMatch(/cannot be refreshed: The provider gave no refresh token/);
    expect((await stateOf(id)).status).toBe("ACTIVE");

    // Expired a minute ago: EXPIRED with the reason and one event, then out of the sweep.
    await timePasses(id, 5 * MINUTE);
    expect(await refreshExpiringTokens(deps)).toBe(0);
    expect(await stateOf(id)).toMatchObject({
      status: "EXPIRED",
      statusReason: "The provider gave no refresh token; the end user must reconnect",
      nextRefreshAt: null,
    });
    const gone = await stateOf(id);
    expect(await refreshExpiringTokens(deps)).toBe(0);
    expect((await stateOf(id)).updatedAt).toEqual(gone.updatedAt);
    expect(await eventsOf(id, "expired")).toEqual([
      { detail: "The provider gave no refresh token; the end user must reconnect" },
    ]);
    expect(await eventsOf(id, "refresh_failed")).toHaveLength(0);
    expect(await sandboxRefreshes()).toBe(refreshes);
    await expect(listNotes(id)).rejects.toThrow(/is EXPIRED/);
  });

  it("a call on it after it expired makes it EXPIRED with the same reason", async () => {
    const id = await withoutRefreshToken("user_norefresh_call", "nora", -MINUTE);
    const r = await listNotes(id);
    expect(r.successful).toBe(false);
    expect(r.error).toBe(
      `Connected account ${id} is EXPIRED: The provider gave no refresh token; the end user must reconnect.`,
    );
    expect((await stateOf(id)).status).toBe("EXPIRED");
    expect(await eventsOf(id, "expired")).toHaveLength(1);
  });
});

describe("transient refresh failures", () => {
  it("back the sweep off (1, 2, 4 minutes), a forced refresh still tries at once, a success resets it", async () => {
    const id = await connectGithub(
      "user_outage",
      { access_token: "gho_old", refresh_token: "ghr_old" },
      new Date(Date.now() - MINUTE),
    );
    const base = tokenEndpoint.hits;
    const attention = async () =>
      (await connectionsNeedingAttention(deps, { projectId, limit: 10 })).filter(
        (i) => i.id === id,
      );

    // First failure: one event, one minute of backoff, flagged on the overview.
    expect(await refreshExpiringTokens(deps)).toBe(0);
    expect(tokenEndpoint.hits - base).toBe(1);
    let s = await stateOf(id);
    expect(s).toMatchObject({ status: "ACTIVE", refreshFailures: 1 });
    near(s.nextRefreshAt, Date.now() + MINUTE);
    const [failed] = await eventsOf(id, "refresh_failed");
    expect(failed?.detail).toBe(
      "The provider answered the token refresh with HTTP 503 (transient; the connection stays ACTIVE; next automatic try in 1 min)",
    );
    expect(await attention()).toMatchObject([{ kind: "refresh_failing", reason: failed?.detail }]);

    // Within the backoff the sweep does not call the provider again.
    expect(await refreshExpiringTokens(deps)).toBe(0);
    expect(tokenEndpoint.hits - base).toBe(1);
    expect(await eventsOf(id, "refresh_failed")).toHaveLength(1);

    // After it: a second failure, two minutes.
    await timePasses(id, MINUTE + 1_000);
    expect(await refreshExpiringTokens(deps)).toBe(0);
    expect(tokenEndpoint.hits - base).toBe(2);
    s = await stateOf(id);
    expect(s.refreshFailures).toBe(2);
    near(s.nextRefreshAt, Date.now() + 2 * MINUTE);

    // A forced refresh ignores the backoff (someone is waiting); it fails too: four minutes.
    const transient = await forceRefreshError(id);
    expect(transient.code).toBe("upstream_error");
    expect(transient.message).toMatch(/^Token refresh failed for now: .*HTTP 503/);
    expect(tokenEndpoint.hits - base).toBe(3);
    s = await stateOf(id);
    expect(s).toMatchObject({ status: "ACTIVE", refreshFailures: 3 });
    near(s.nextRefreshAt, Date.now() + 4 * MINUTE);

    // The provider is back, but the sweep waits out the backoff; then one refresh resets it all.
    tokenEndpoint.up = true;
    expect(await refreshExpiringTokens(deps)).toBe(0);
    expect(tokenEndpoint.hits - base).toBe(3);
    await timePasses(id, 4 * MINUTE + 1_000);
    expect(await refreshExpiringTokens(deps)).toBe(1);
    expect(tokenEndpoint.hits - base).toBe(4);
    s = await stateOf(id);
    expect(s).toMatchObject({ status: "ACTIVE", refreshFailures: 0, nextRefreshAt: null });
    near(s.expiresAt, Date.now() + 60 * MINUTE);
    expect(await attention()).toEqual([]);
    expect(await eventsOf(id, "refresh_failed")).toHaveLength(3);
    expect(await eventsOf(id, "expired")).toHaveLength(0);
  });

  it("a forced refresh during a backoff succeeds at once and resets it", async () => {
    const id = await connectGithub(
      "user_blip",
      { access_token: "gho_old", refresh_token: "ghr_old" },
      new Date(Date.now() + 2 * MINUTE),
    );
    const hits = tokenEndpoint.hits;
    expect(await refreshExpiringTokens(deps)).toBe(0);
    expect((await stateOf(id)).refreshFailures).toBe(1);
    tokenEndpoint.up = true;
    const after = await refreshConnection(deps, { projectId, id, actor });
    expect(after.status).toBe("ACTIVE");
    expect(tokenEndpoint.hits - hits).toBe(2);
    expect(await stateOf(id)).toMatchObject({ refreshFailures: 0, nextRefreshAt: null });
  });

  it("a row the sweep cannot refresh here backs off instead of blocking the rows behind it", async () => {
    // Without the sandbox running on this instance, its app is unknown here.
    const elsewhere = testDeps(handle);
    const sandboxConn = await connectSandbox("user_no_app", "otto");
    await setExpiry(sandboxConn, -5 * MINUTE);
    const github = await connectGithub(
      "user_behind",
      { access_token: "gho_old", refresh_token: "ghr_old" },
      new Date(Date.now() + 5 * MINUTE),
    );
    tokenEndpoint.up = true;
    expect(await refreshExpiringTokens(elsewhere, 2)).toBe(1);
    expect(await stateOf(sandboxConn)).toMatchObject({ status: "ACTIVE", refreshFailures: 1 });
    expect((await eventsOf(sandboxConn, "refresh_failed"))[0]?.detail).toMatch(
      /The app "sandbox" is not available here/,
    );
    expect((await stateOf(github)).refreshFailures).toBe(0);
    expect(await refreshExpiringTokens(elsewhere)).toBe(0);
  });

  it("a row whose secrets cannot be read here backs off instead of failing every sweep", async () => {
    // An instance whose keyring lacks the key the row was sealed with (a botched key rotation).
    const wrongKeys = testDeps(handle, {
      sandboxOrigin: sandbox.issuer,
      keyring: createKeyring(`k9:${Buffer.alloc(32, 9).toString("base64")}`),
    });
    const id = await connectSandbox("user_wrong_key", "walt");
    await setExpiry(id, -MINUTE);
    expect(await refreshExpiringTokens(wrongKeys)).toBe(0);
    expect(await stateOf(id)).toMatchObject({ status: "ACTIVE", refreshFailures: 1 });
    expect(await refreshExpiringTokens(wrongKeys)).toBe(0);
    expect(await eventsOf(id, "refresh_failed")).toEqual([
      {
        detail:
          "The token refresh failed unexpectedly (transient; the connection stays ACTIVE; next automatic try in 1 min)",
      },
    ]);
  });

  it("the backoff doubles from one minute and stops at one hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => refreshBackoffMs(n) / MINUTE)).toEqual([
      1, 2, 4, 8, 16, 32, 60, 60,
    ]);
  });
});

describe("calls during an outage of the token endpoint", () => {
  /** GitHub's API standing in on a local server: GET /user answers with the bearer token it got. */
  let api: Server;
  const tokensSeen: string[] = [];

  beforeAll(async () => {
    api = createServer((req, res) => {
      tokensSeen.push(req.headers.authorization ?? "");
      req.resume();
      res.writeHead(200, { "content-type": "application/json" }).end('{"login":"octocat","id":1}');
    });
    await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
    await deps.db
      .update(integrations)
      .set({ apiBaseUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}` })
      .where(eq(integrations.id, githubIntegration));
  });
  afterAll(() => new Promise((resolve) => api.close(resolve)));

  const getUser = (connectionId: string) =>
    executeAction(deps, {
      projectId,
      actor,
      action: "GITHUB_GET_THE_AUTHENTICATED_USER",
      connectionId,
      arguments: {},
    });

  it("a token that still works is used: one token request, then none during the backoff", async () => {
    const id = await connectGithub(
      "user_outage_valid",
      { access_token: "gho_still_valid", refresh_token: "ghr_old" },
      new Date(Date.now() + 2 * MINUTE),
    );
    const hits = tokenEndpoint.hits;
    const first = await getUser(id);
    expect(first).toMatchObject({ successful: true, httpStatus: 200, data: { login: "octocat" } });
    expect(tokensSeen.at(-1)).toBe("Bearer gho_still_valid");
    expect(tokenEndpoint.hits - hits).toBe(1);
    expect(await stateOf(id)).toMatchObject({ status: "ACTIVE", refreshFailures: 1 });

    for (let i = 0; i < 5; i++) expect((await getUser(id)).successful).toBe(true);
    expect(tokenEndpoint.hits - hits).toBe(1);
    expect(await eventsOf(id, "refresh_failed")).toHaveLength(1);
  });

  it("an expired token: the call fails as transient, the next calls wait a minute without asking the provider, then one refresh", async () => {
    const id = await connectGithub(
      "user_outage_expired",
      { access_token: "gho_expired", refresh_token: "ghr_old" },
      new Date(Date.now() - MINUTE),
    );
    const hits = tokenEndpoint.hits;
    const failed = await getUser(id);
    expect(failed).toMatchObject({ successful: false, httpStatus: null });
    expect(failed.error).toBe(
      "Token refresh failed for now: The provider answered the token refresh with HTTP 503",
    );
    expect(tokenEndpoint.hits - hits).toBe(1);

    // Twenty calls at once and five after: no token request, a readable transient error each.
    const burst = await Promise.all(Array.from({ length: 20 }, () => getUser(id)));
    for (let i = 0; i < 5; i++) burst.push(await getUser(id));
    for (const r of burst) {
      expect(r.successful).toBe(false);
      expect(r.error).toMatch(
        new RegExp(
          `^Token refresh failed for now: the last refresh of connected account ${id} failed and the token has expired; calls try again in \\d+ s\\.$`,
        ),
      );
    }
    expect(tokenEndpoint.hits - hits).toBe(1);
    expect(await stateOf(id)).toMatchObject({ status: "ACTIVE", refreshFailures: 1 });
    expect(await eventsOf(id, "refresh_failed")).toHaveLength(1);
    expect(tokensSeen).not.toContain("Bearer gho_expired");

    // A minute later the provider is back: the next call refreshes once and goes through.
    await timePasses(id, MINUTE + 1_000);
    tokenEndpoint.up = true;
    const ok = await getUser(id);
    expect(ok).toMatchObject({ successful: true, httpStatus: 200 });
    expect(tokenEndpoint.hits - hits).toBe(2);
    expect(tokensSeen.at(-1)).toMatch(/^Bearer gho_[A-Za-z0-9_-]{12,}$/);
    expect(await stateOf(id)).toMatchObject({ status: "ACTIVE", refreshFailures: 0 });
  });

  it("decides per row: refresh when due, use the token while it works, wait after a failure once expired", () => {
    const now = Date.now();
    const withRefresh = { access_token: "a", refresh_token: "r" };
    const row = (expiresIn: number, failures = 0, lastFailureAgo = 0) => ({
      expiresAt: new Date(now + expiresIn),
      refreshFailures: failures,
      nextRefreshAt: failures ? new Date(now - lastFailureAgo + refreshBackoffMs(failures)) : null,
    });
    expect(dueAction(row(2 * MINUTE), withRefresh, now)).toBe("refresh");
    expect(dueAction(row(2 * MINUTE), { access_token: "a" }, now)).toBe("use");
    expect(dueAction(row(2 * MINUTE, 1, 10_000), withRefresh, now)).toBe("use");
    expect(dueAction(row(2 * MINUTE, 1, MINUTE + 1), withRefresh, now)).toBe("refresh");
    expect(dueAction(row(-MINUTE, 3, 10_000), withRefresh, now)).toEqual({ retryInMs: 50_000 });
    expect(dueAction(row(-MINUTE, 3, MINUTE), withRefresh, now)).toBe("refresh");
    expect(dueAction(row(-MINUTE), withRefresh, now)).toBe("refresh");
  });
});
