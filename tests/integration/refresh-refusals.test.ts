// Token-endpoint refusals and short-lived tokens (issue 11 items 5 and 6, SECURITY.md 8–10).
// Refusals: a local server answers for GitHub's token endpoint exactly as GitHub does (HTTP 200
// with an `error` member) and as RFC 6749 servers do; the real sandbox refuses a wrong client
// secret. Short-lived tokens: the sandbox issues 60-second access tokens and rotates refresh
// tokens, so a raced second refresh would show as a second token request.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db";
import { connectionEvents, connections, integrations } from "@/db/schema";
import { activateConnection } from "@/lib/core/activate";
import { beginAuthorization, completeCallback } from "@/lib/core/connect-flow";
import { setConnectionEnabled } from "@/lib/core/connections";
import { systemActor, type Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { executeAction, type ExecuteResult } from "@/lib/core/execute";
import { refreshConnection } from "@/lib/core/force-refresh";
import { createIntegration, updateIntegration } from "@/lib/core/integrations";
import { initiateConnection } from "@/lib/core/initiate";
import { openLink } from "@/lib/core/link-context";
import { createProject } from "@/lib/core/projects";
import { refreshExpiringTokens } from "@/lib/core/sweeps";
import { randomToken } from "@/lib/crypto";
import type { Sandbox } from "@/lib/sandbox";
import { startTestSandbox } from "../support/sandbox";
import { openTestDb, testDeps, type TestDb } from "../support/db";
import { connectAtSandbox, sandboxStats } from "../support/oauth-browser";

const MINUTE = 60_000;
const CLIENT_SECRET = `cs_refusal_${randomToken(12)}`;
const actor = systemActor;
let sandbox: Sandbox;
let handle: TestDb;
let deps: Deps;
let projectId: string;
let sandboxIntegration: string;
let githubIntegration: string;
const made: string[] = [];

/** GitHub's token endpoint as a local server: answers what the test sets, counts requests. */
const github = {
  server: undefined as Server | undefined,
  hits: 0,
  answer: { status: 200, type: "application/json", body: "{}" },
};

function answerWith(status: number, body: Record<string, string>): void {
  github.answer = { status, type: "application/json", body: JSON.stringify(body) };
}

/** A GitHub connection holding an access and a refresh token, issued an hour before `expiresAt`. */
async function connectGithub(
  userId: string,
  expiresAt: Date,
): Promise<{ id: string; refreshToken: string }> {
  const refreshToken = `ghr_${randomToken(16)}`;
  const { connection } = await initiateConnection(deps, {
    projectId,
    userId,
    integrationId: githubIntegration,
    actor,
  });
  await activateConnection(deps, {
    projectId,
    connectionId: connection.id,
    secrets: {
      token_type: "bearer",
      access_token: `gho_${randomToken(16)}`,
      refresh_token: refreshToken,
    },
    expiresAt,
    identity: { id: "1", login: "octocat" },
  });
  await deps.db
    .update(connections)
    .set({ lastRefreshedAt: new Date(expiresAt.getTime() - 60 * MINUTE) })
    .where(eq(connections.id, connection.id));
  made.push(connection.id);
  return { id: connection.id, refreshToken };
}

async function stateOf(id: string) {
  const [row] = await deps.db
    .select({
      status: connections.status,
      statusReason: connections.statusReason,
      refreshFailures: connections.refreshFailures,
      nextRefreshAt: connections.nextRefreshAt,
    })
    .from(connections)
    .where(eq(connections.id, id));
  return row!;
}

const eventsOf = (id: string, type: string) =>
  deps.db
    .select({ detail: connectionEvents.detail })
    .from(connectionEvents)
    .where(and(eq(connectionEvents.connectionId, id), eq(connectionEvents.type, type)));

const getUser = (connectionId: string, on: Deps = deps) =>
  executeAction(on, {
    projectId,
    actor,
    action: "GITHUB_GET_THE_AUTHENTICATED_USER",
    connectionId,
    arguments: {},
  });

const listNotes = (connectionId: string, on: Deps = deps): Promise<ExecuteResult> =>
  executeAction(on, {
    projectId,
    actor,
    action: "SANDBOX_LIST_NOTES",
    connectionId,
    arguments: {},
  });

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

beforeAll(async () => {
  handle = await openTestDb();
  sandbox = await startTestSandbox({
    clientSecret: CLIENT_SECRET,
    accessTtlSeconds: 60,
    apiKeys: [],
  });
  const server = createServer((req, res) => {
    github.hits++;
    req.resume();
    req.on("end", () => {
      res.writeHead(github.answer.status, {
        "content-type": github.answer.type,
        "cache-control": "no-store",
      });
      res.end(github.answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  github.server = server;

  deps = testDeps(handle, { sandboxOrigin: sandbox.issuer });
  projectId = (await createProject(deps, { name: "Refresh refusals", actor })).id;
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
      clientSecret: "gh_client_secret_value",
      actor,
    })
  ).id;
  // The API takes only public https overrides (GitHub Enterprise); loopback is written directly.
  await deps.db
    .update(integrations)
    .set({
      tokenUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/login/oauth/access_token`,
    })
    .where(eq(integrations.id, githubIntegration));
});

afterEach(async () => {
  for (const id of made.splice(0)) {
    await setConnectionEnabled(deps, { projectId, id, enabled: false, actor });
  }
});

afterAll(async () => {
  await new Promise((resolve) => github.server?.close(resolve));
  await sandbox?.close();
  await handle?.close();
});

describe("a token endpoint's refusal", () => {
  it("HTTP 200 with GitHub's bad_refresh_token expires the connection with GitHub's words, once", async () => {
    answerWith(200, {
      error: "bad_refresh_token",
      error_description: "The refresh token passed is incorrect or expired.",
      error_uri:
        "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors",
    });
    const { id } = await connectGithub("user_bad_refresh", new Date(Date.now() - MINUTE));
    const hits = github.hits;
    const reason =
      "The provider refused the token refresh: bad_refresh_token (The refresh token passed is incorrect or expired.)";

    const first = await getUser(id);
    expect(first.successful).toBe(false);
    expect(first.error).toBe(
      `Connected account ${id} is EXPIRED: ${reason}. The end user must reconnect.`,
    );
    expect(await stateOf(id)).toMatchObject({ status: "EXPIRED", statusReason: reason });
    expect(await eventsOf(id, "expired")).toEqual([{ detail: reason }]);
    expect(await eventsOf(id, "refresh_failed")).toHaveLength(0);

    // No retries: later calls and sweeps never ask the provider again.
    await expect(getUser(id)).rejects.toThrow(/is EXPIRED/);
    expect(await refreshExpiringTokens(deps)).toBe(0);
    expect(github.hits - hits).toBe(1);
  });

  it("the sweep expires a connection on the same answer, and a form-encoded refusal counts too", async () => {
    github.answer = {
      status: 200,
      type: "application/x-www-form-urlencoded; charset=utf-8",
      body: "error=bad_refresh_token&error_description=The+refresh+token+passed+is+incorrect+or+expired.",
    };
    const { id } = await connectGithub("user_bad_refresh_sweep", new Date(Date.now() + 2 * MINUTE));
    expect(await refreshExpiringTokens(deps)).toBe(0);
    expect(await stateOf(id)).toMatchObject({
      status: "EXPIRED",
      statusReason:
        "The provider refused the token refresh: bad_refresh_token (The refresh token passed is incorrect or expired.)",
      nextRefreshAt: null,
    });
  });

  it.each([
    [400, "invalid_scope"],
    [400, "unsupported_grant_type"],
    [403, "access_denied"],
    [400, "some_code_we_do_not_know"],
  ])("HTTP %i %s is definitive: EXPIRED with the provider's words", async (status, error) => {
    answerWith(status, { error, error_description: `Refused (${error})` });
    const { id } = await connectGithub(`user_def_${error}`, new Date(Date.now() - MINUTE));
    const err = await forceRefreshError(id);
    expect(err.message).toBe(
      `Connected account ${id} is EXPIRED: The provider refused the token refresh: ${error} (Refused (${error})). The end user must reconnect.`,
    );
    expect((await stateOf(id)).status).toBe("EXPIRED");
  });

  it.each([
    [400, "invalid_client", "Client authentication failed."],
    [401, "unauthorized_client", "The client is not authorized to use this grant type."],
    [
      200,
      "incorrect_client_credentials",
      "The client_id and/or client_secret passed are incorrect.",
    ],
  ])(
    "HTTP %i %s names the integration as the fault: FAILED, not EXPIRED, no retries",
    async (status, error, description) => {
      answerWith(status, { error, error_description: description });
      const { id } = await connectGithub(`user_client_${error}`, new Date(Date.now() - MINUTE));
      const hits = github.hits;
      const reason = `The provider refused the client credentials of integration ${githubIntegration} ("GitHub oauth2") at the token refresh: ${error} (${description}). Fix the integration's client ID and secret; the end user must then reconnect`;

      const r = await getUser(id);
      expect(r.successful).toBe(false);
      expect(r.error).toBe(`Connected account ${id} is FAILED: ${reason}.`);
      expect(await stateOf(id)).toMatchObject({ status: "FAILED", statusReason: reason });
      expect(await eventsOf(id, "failed")).toEqual([{ detail: reason }]);
      expect(await refreshExpiringTokens(deps)).toBe(0);
      expect(github.hits - hits).toBe(1);
    },
  );

  it("the real sandbox refusing a wrong client secret fails the connection naming the integration", async () => {
    const id = await connectAtSandbox(deps, {
      projectId,
      userId: "user_wrong_secret",
      integrationId: sandboxIntegration,
      username: "wanda",
    });
    made.push(id);
    await updateIntegration(deps, {
      projectId,
      id: sandboxIntegration,
      clientSecret: `cs_wrong_${randomToken(12)}`,
      actor,
    });
    try {
      const err = await forceRefreshError(id);
      expect(err.message).toMatch(
        new RegExp(
          `^Connected account ${id} is FAILED: The provider refused the client credentials of integration ${sandboxIntegration} \\("Sandbox oauth2"\\) at the token refresh: invalid_client \\(client authentication failed\\)\\. Fix the integration's client ID and secret`,
        ),
      );
      expect(err.details).toMatchObject({ integration_id: sandboxIntegration, transient: false });
      expect((await stateOf(id)).status).toBe("FAILED");
    } finally {
      await updateIntegration(deps, {
        projectId,
        id: sandboxIntegration,
        clientSecret: CLIENT_SECRET,
        actor,
      });
    }
  });

  it("a 503 or 429 without a definitive code stays transient, and the provider's words are kept", async () => {
    answerWith(503, {
      error: "temporarily_unavailable",
      error_description: "Try again in a minute",
    });
    const { id } = await connectGithub("user_busy", new Date(Date.now() - MINUTE));
    const err = await forceRefreshError(id);
    expect(err.message).toBe(
      "Token refresh failed for now: The provider answered the token refresh with HTTP 503: temporarily_unavailable (Try again in a minute)",
    );
    expect(err.details).toMatchObject({ transient: true });
    expect(await stateOf(id)).toMatchObject({ status: "ACTIVE", refreshFailures: 1 });

    answerWith(429, { error: "rate_limited", error_description: "Slow down" });
    const again = await forceRefreshError(id);
    expect(again.message).toMatch(/HTTP 429: rate_limited \(Slow down\)$/);
    expect(await stateOf(id)).toMatchObject({ status: "ACTIVE", refreshFailures: 2 });
    expect(await eventsOf(id, "refresh_failed")).toHaveLength(2);
  });

  it("a secret the provider echoes in its description is cut out of the reason and the error", async () => {
    const { id, refreshToken } = await connectGithub("user_echo", new Date(Date.now() - MINUTE));
    answerWith(400, {
      error: "invalid_grant",
      error_description: `Refresh token ${refreshToken} was revoked; client secret gh_client_secret_value`,
    });
    const r = await getUser(id);
    expect(r.error).toBe(
      `Connected account ${id} is EXPIRED: The provider refused the token refresh: invalid_grant (Refresh token [redacted] was revoked; client secret [redacted]). The end user must reconnect.`,
    );
    const s = await stateOf(id);
    expect(s.statusReason).not.toContain(refreshToken);
    expect(s.statusReason).not.toContain("gh_client_secret_value");
  });

  it("a long description is shortened only after secrets are cut out: no piece of a token shows", async () => {
    const { id, refreshToken } = await connectGithub("user_long", new Date(Date.now() - MINUTE));
    answerWith(400, {
      error: "invalid_grant",
      error_description: `${"x".repeat(290)} ${refreshToken} ${"y".repeat(200)}`,
    });
    const err = await forceRefreshError(id);
    expect(err.message).not.toContain(refreshToken.slice(0, 8));
    expect(err.message).toMatch(/x{290} \[redac.*…\)/);
    expect((await stateOf(id)).statusReason).not.toContain(refreshToken.slice(0, 8));
  });
});

describe("the code exchange", () => {
  it("HTTP 200 with GitHub's bad_verification_code fails the connection with GitHub's words", async () => {
    answerWith(200, {
      error: "bad_verification_code",
      error_description: "The code passed is incorrect or expired.",
    });
    const { connection, link } = await initiateConnection(deps, {
      projectId,
      userId: "user_bad_code",
      integrationId: githubIntegration,
      actor,
    });
    made.push(connection.id);
    const binding = randomToken(16);
    const authorize = new URL(
      await beginAuthorization(deps, await openLink(deps, link!.token), binding),
    );
    // What GitHub's redirect would carry back: a code (refused at the token endpoint) and the state.
    const callback = new URLSearchParams({
      code: "bad_code",
      state: authorize.searchParams.get("state")!,
    });
    const done = new URL(await completeCallback(deps, callback, binding));
    const reason =
      "The provider refused the token request: bad_verification_code (The code passed is incorrect or expired.)";
    expect(done.searchParams.get("status")).toBe("failed");
    expect(await stateOf(connection.id)).toMatchObject({ status: "FAILED", statusReason: reason });
  });
});

describe("a short-lived token (60 s)", () => {
  /** Move the connection's stored issue and expiry times `ms` into the past, as if time passed. */
  const timePasses = (id: string, ms: number) => {
    const by = sql`${`${ms} milliseconds`}::interval`;
    return deps.db
      .update(connections)
      .set({
        lastRefreshedAt: sql`${connections.lastRefreshedAt} - ${by}`,
        expiresAt: sql`${connections.expiresAt} - ${by}`,
      })
      .where(eq(connections.id, id));
  };

  async function connectShortLived(userId: string, username: string): Promise<string> {
    const id = await connectAtSandbox(deps, {
      projectId,
      userId,
      integrationId: sandboxIntegration,
      username,
    });
    made.push(id);
    return id;
  }

  it("is not refreshed in the first half of its lifetime; after it, 40 concurrent calls make one token request", async () => {
    const id = await connectShortLived("user_short_storm", "sam");
    const before = await sandboxRefreshes();

    // Young: one by one and forty at once, every call uses the token in hand.
    for (let i = 0; i < 5; i++) expect((await listNotes(id)).successful).toBe(true);
    const young = await Promise.all(Array.from({ length: 40 }, () => listNotes(id)));
    expect(young.every((r) => r.successful)).toBe(true);
    expect((await sandboxRefreshes()) - before).toBe(0);

    // 31 s later it is past half its life: one refresh for the whole storm.
    await timePasses(id, 31_000);
    const storm = await Promise.all(Array.from({ length: 40 }, () => listNotes(id)));
    expect(storm.every((r) => r.successful)).toBe(true);
    expect((await sandboxRefreshes()) - before).toBe(1);

    // The new token is young again: no further request, and the rotated grant is alive.
    for (let i = 0; i < 5; i++) expect((await listNotes(id)).successful).toBe(true);
    expect((await sandboxRefreshes()) - before).toBe(1);
    await timePasses(id, 31_000);
    expect((await listNotes(id)).successful).toBe(true);
    expect((await sandboxRefreshes()) - before).toBe(2);
  });

  it("two instances (two database handles) share one refresh: 40 concurrent calls, one token request", async () => {
    // On Postgres a second connection pool is a second instance; PGlite has one handle per process.
    let second: DbHandle | undefined;
    if (handle.url) second = await openDb({ url: handle.url });
    const other = second ? testDeps(second, { sandboxOrigin: sandbox.issuer }) : deps;
    try {
      const id = await connectShortLived("user_short_twins", "tess");
      await timePasses(id, 31_000);
      const before = await sandboxRefreshes();
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => listNotes(id, i % 2 ? other : deps)),
      );
      expect(results.every((r) => r.successful)).toBe(true);
      expect((await sandboxRefreshes()) - before).toBe(1);
      expect(await eventsOf(id, "refreshed")).toHaveLength(1);
    } finally {
      await second?.close();
    }
  });
});
