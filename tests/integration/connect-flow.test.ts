// The OAuth 2.0 connect flow through core against the real sandbox server (SECURITY.md 1–8, 23):
// every refusal asserts the exact outcome, that no token request was made and that nothing was stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import {
  auditLog,
  authFlows,
  connectionEvents,
  connections,
  entities,
  linkTokens,
} from "@/db/schema";
import { startSandbox, type Sandbox } from "@/lib/sandbox";
import { keyedHash, randomToken } from "@/lib/crypto";
import { systemActor, type Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { createProject, updateProjectSettings } from "@/lib/core/projects";
import { createIntegration } from "@/lib/core/integrations";
import { initiateConnection } from "@/lib/core/initiate";
import { openLink } from "@/lib/core/link-context";
import { beginAuthorization, completeCallback } from "@/lib/core/connect-flow";
import { getConnection } from "@/lib/core/connections";
import { deleteConnection } from "@/lib/core/delete";
import { expireAbandonedFlows } from "@/lib/core/sweeps";
import { openTestDb, testDeps, type TestDb } from "../support/db";
import {
  authorizeAtProvider,
  introspectAtSandbox,
  sandboxStats,
  type AuthorizeOptions,
} from "../support/oauth-browser";

const PUBLIC_URL = "http://localhost:3000";
const REDIRECT_URI = `${PUBLIC_URL}/api/oauth/callback`;
const CLIENT_ID = "keyport";
const CLIENT_SECRET = `cs_connect_${randomToken(18)}`;
const CLIENT = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };
const APP_ORIGIN = "https://app.example.com";
const FLOW_TTL = 600;

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
  deps = testDeps(handle, {
    sandboxOrigin: issuer,
    publicUrl: PUBLIC_URL,
    flowTtlSeconds: FLOW_TTL,
  });
  projectId = (await createProject(deps, { name: "Connect flow", actor: systemActor })).id;
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

interface Started {
  connectionId: string;
  linkToken: string;
  binding: string;
  authorizeUrl: URL;
}

/** initiate → openLink → beginAuthorization, as the link page does. */
async function start(
  opts: { userId?: string; returnUrl?: string; binding?: string } = {},
): Promise<Started> {
  const { connection, link } = await initiateConnection(deps, {
    projectId,
    userId: opts.userId ?? "user-1",
    integrationId,
    returnUrl: opts.returnUrl,
    actor: systemActor,
  });
  expect(connection.status).toBe("INITIATED");
  if (!link) throw new Error("an OAuth connection must get a connect link");
  const ctx = await openLink(deps, link.token);
  const binding = opts.binding ?? randomToken(32);
  const authorizeUrl = new URL(await beginAuthorization(deps, ctx, binding));
  return { connectionId: connection.id, linkToken: link.token, binding, authorizeUrl };
}

/** start + the end user at the provider; returns the callback query Keyport would receive. */
async function startAndAuthorize(
  opts: AuthorizeOptions & { userId?: string; returnUrl?: string } = {},
): Promise<Started & { query: URLSearchParams }> {
  const started = await start(opts);
  const callback = await authorizeAtProvider(started.authorizeUrl, opts);
  expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
  return { ...started, query: new URLSearchParams(callback.searchParams) };
}

async function rowOf(id: string) {
  const [row] = await deps.db.select().from(connections).where(eq(connections.id, id));
  return row;
}

async function flowsOf(id: string) {
  return deps.db.select().from(authFlows).where(eq(authFlows.connectionId, id));
}

async function eventTypes(id: string): Promise<string[]> {
  const rows = await deps.db
    .select({ type: connectionEvents.type, id: connectionEvents.id })
    .from(connectionEvents)
    .where(eq(connectionEvents.connectionId, id))
    .orderBy(connectionEvents.id);
  return rows.map((r) => r.type);
}

async function codeRequests(): Promise<number> {
  return (await sandboxStats(issuer)).token_requests.authorization_code;
}

/** Awaits a promise that must reject with an AppError; returns it. */
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

/** The connection is exactly as initiation left it: no secrets, no identity, no outcome. */
async function expectUntouched(id: string) {
  const row = await rowOf(id);
  expect(row).toBeDefined();
  expect(row).toMatchObject({
    status: "INITIATED",
    statusReason: null,
    credentialsEnc: null,
    keyId: null,
    credentialHints: {},
    expiresAt: null,
    grantedScopes: null,
    upstreamIdentity: null,
    upstreamLogin: null,
    lastRefreshedAt: null,
  });
  expect(await eventTypes(id)).toEqual(["initiated", "link_created"]);
  const links = await deps.db.select().from(linkTokens).where(eq(linkTokens.connectionId, id));
  expect(links.map((l) => l.usedAt)).toEqual([null]);
}

function credentialsOf(row: { id: string; credentialsEnc: string | null }) {
  if (!row.credentialsEnc) throw new Error("no credentials stored");
  const plain = deps.keyring.decrypt(row.credentialsEnc, {
    table: "connections",
    rowId: row.id,
    field: "credentials",
  });
  return JSON.parse(plain) as Record<string, string>;
}

const doneUrl = (id: string, status: "success" | "failed", error?: string) => {
  const u = new URL(`${PUBLIC_URL}/link/done`);
  u.searchParams.set("status", status);
  u.searchParams.set("connected_account_id", id);
  if (error) u.searchParams.set("error", error);
  u.searchParams.set("app", "sandbox");
  return u.toString();
};

// ---------------------------------------------------------------------------------------------

describe("connect flow (core + sandbox)", () => {
  it("happy path: PKCE S256, hashed state, pinned issuer, fixed redirect URI → ACTIVE with identity, scopes and masked hints", async () => {
    const {
      connectionId: id,
      binding,
      authorizeUrl,
      linkToken,
    } = await start({ userId: "u-happy" });

    // The authorize URL.
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${issuer}/auth`);
    const p = authorizeUrl.searchParams;
    expect(p.get("response_type")).toBe("code");
    expect(p.get("client_id")).toBe(CLIENT_ID);
    expect(p.get("redirect_uri")).toBe(REDIRECT_URI);
    expect(p.getAll("redirect_uri")).toHaveLength(1);
    expect(p.get("scope")).toBe("notes:read notes:write");
    expect(p.get("code_challenge_method")).toBe("S256");
    const challenge = p.get("code_challenge") ?? "";
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const state = p.get("state") ?? "";
    expect(state.length).toBeGreaterThanOrEqual(43);
    expect(state).toMatch(/^[A-Za-z0-9_-]+$/);

    // The flow record: state hashed, verifier encrypted (and matching the challenge), binding hashed, issuer pinned.
    const [flow, ...others] = await flowsOf(id);
    expect(others).toHaveLength(0);
    expect(flow).toBeDefined();
    expect(flow!.stateHash).toBe(keyedHash(deps.pepper, state));
    expect(flow!.bindingHash).toBe(keyedHash(deps.pepper, binding));
    expect(flow!.issuer).toBe(issuer);
    expect(flow!.tokenEndpoint).toBe(`${issuer}/token`);
    expect(flow!.redirectUri).toBe(REDIRECT_URI);
    expect(flow!.projectId).toBe(projectId);
    expect(flow!.appKey).toBe("sandbox");
    expect(Math.abs(flow!.expiresAt.getTime() - (Date.now() + FLOW_TTL * 1000))).toBeLessThan(
      10_000,
    );
    const { verifier } = JSON.parse(
      deps.keyring.decrypt(flow!.verifierEnc!, {
        table: "auth_flows",
        rowId: flow!.stateHash,
        field: "verifier",
      }),
    ) as { verifier: string };
    expect(verifier.length).toBeGreaterThanOrEqual(43);
    expect(verifier.length).toBeLessThanOrEqual(128);
    expect(await oauth.calculatePKCECodeChallenge(verifier)).toBe(challenge);
    const flowJson = JSON.stringify(flow);
    for (const secret of [state, verifier, binding]) expect(flowJson).not.toContain(secret);

    // The end user at the provider.
    const callback = await authorizeAtProvider(authorizeUrl, { username: "alice" });
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get("state")).toBe(state);
    expect(callback.searchParams.get("iss")).toBe(issuer);
    const code = callback.searchParams.get("code") ?? "";
    expect(code).not.toBe("");

    const before = await codeRequests();
    const outcome = await completeCallback(deps, callback.searchParams, binding);
    expect(await codeRequests()).toBe(before + 1);
    expect(outcome).toBe(doneUrl(id, "success"));
    expect(outcome).not.toContain(code);

    const view = await getConnection(deps, { projectId, id });
    expect(view.status).toBe("ACTIVE");
    expect(view.statusReason).toBeNull();
    expect(view.entityId).toBe("u-happy");
    expect(view.upstreamIdentity).toEqual({ id: "alice", login: "alice", name: "alice" });
    expect([...(view.grantedScopes ?? [])].sort()).toEqual(["notes:read", "notes:write"]);
    expect(view.expiresAt).toBeInstanceOf(Date);
    expect(Math.abs(view.expiresAt!.getTime() - (Date.now() + 900_000))).toBeLessThan(30_000);

    const row = (await rowOf(id))!;
    expect(row.upstreamLogin).toBe("alice");
    expect(row.keyId).toBe(deps.keyring.currentKeyId);
    const creds = credentialsOf(row);
    expect(creds.access_token).toMatch(/^[\w-]{20,}$/);
    expect(creds.refresh_token).toMatch(/^[\w-]{20,}$/);
    expect(Object.keys(view.credentialHints).sort()).toEqual(
      Object.keys(creds)
        .filter((k) => creds[k])
        .sort(),
    );
    for (const [field, hint] of Object.entries(view.credentialHints)) {
      const secret = creds[field]!;
      expect(hint).not.toContain(secret);
      if (secret.length > 8) expect(hint).toBe(`${secret.slice(0, 4)}…${secret.slice(-4)}`);
      else expect(hint).toBe("••••");
    }
    const viewJson = JSON.stringify(view);
    expect(viewJson).not.toContain(creds.access_token);
    expect(viewJson).not.toContain(creds.refresh_token);

    // The flow is consumed, the link is used up, the timeline says who connected.
    expect(await flowsOf(id)).toEqual([]);
    expect((await refusal(openLink(deps, linkToken))).code).toBe("conflict");
    expect(await eventTypes(id)).toEqual(["initiated", "link_created", "connected"]);
    const [connected] = await deps.db
      .select()
      .from(connectionEvents)
      .where(and(eq(connectionEvents.connectionId, id), eq(connectionEvents.type, "connected")));
    expect(connected?.detail).toBe("Connected as alice");
  });

  it("each flow gets a fresh state and PKCE verifier", async () => {
    const a = await start();
    const b = await start();
    expect(a.authorizeUrl.searchParams.get("state")).not.toBe(
      b.authorizeUrl.searchParams.get("state"),
    );
    expect(a.authorizeUrl.searchParams.get("code_challenge")).not.toBe(
      b.authorizeUrl.searchParams.get("code_challenge"),
    );
  });

  it("a replayed callback is refused and makes no second token request", async () => {
    const { connectionId: id, binding, query } = await startAndAuthorize({ username: "rita" });
    const before = await codeRequests();
    expect(await completeCallback(deps, query, binding)).toBe(doneUrl(id, "success"));
    const afterFirst = (await rowOf(id))!;
    expect(afterFirst.status).toBe("ACTIVE");

    const err = await refusal(completeCallback(deps, new URLSearchParams(query), binding));
    expect(err.code).toBe("bad_request");
    expect(err.message).toMatch(/already completed/);
    expect(await codeRequests()).toBe(before + 1);
    // The replay changed nothing.
    expect(await rowOf(id)).toEqual(afterFirst);
    expect(await eventTypes(id)).toEqual(["initiated", "link_created", "connected"]);
  });

  it("a double-submitted callback (concurrent) makes exactly one token request", async () => {
    const { connectionId: id, binding, query } = await startAndAuthorize({ username: "dora" });
    const before = await codeRequests();
    const results = await Promise.allSettled([
      completeCallback(deps, new URLSearchParams(query), binding),
      completeCallback(deps, new URLSearchParams(query), binding),
    ]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r) => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(fulfilled[0]!.value).toBe(doneUrl(id, "success"));
    expect(rejected).toHaveLength(1);
    const reason: unknown = rejected[0]!.reason;
    expect(reason).toBeInstanceOf(AppError);
    expect((reason as AppError).message).toMatch(/already completed/);
    expect(await codeRequests()).toBe(before + 1);
    const row = (await rowOf(id))!;
    expect(row.status).toBe("ACTIVE");
    expect(row.upstreamLogin).toBe("dora");
    expect(await eventTypes(id)).toEqual(["initiated", "link_created", "connected"]);
  });

  it("an expired flow is refused before any token request", async () => {
    const { connectionId: id, binding, query } = await startAndAuthorize({ username: "ed" });
    await deps.db
      .update(authFlows)
      .set({ expiresAt: new Date(0) })
      .where(eq(authFlows.connectionId, id));
    const before = await codeRequests();
    const err = await refusal(completeCallback(deps, query, binding));
    expect(err.code).toBe("bad_request");
    expect(err.message).toMatch(/expired/);
    expect(await codeRequests()).toBe(before);
    await expectUntouched(id);
    expect(await flowsOf(id)).toEqual([]); // consumed
  });

  it("a callback from another browser (other or missing binding cookie) is refused without burning the real flow", async () => {
    const { connectionId: id, binding, query } = await startAndAuthorize({ username: "mallory" });
    const before = await codeRequests();
    for (const other of [randomToken(32), undefined, "", `${binding}x`]) {
      const err = await refusal(completeCallback(deps, new URLSearchParams(query), other));
      expect(err.code).toBe("bad_request");
      expect(err.message).toMatch(/another browser/);
      expect(await codeRequests()).toBe(before);
      await expectUntouched(id);
      // lib/core/flows.ts consumes only with the matching binding: the real browser can still finish.
      expect(await flowsOf(id)).toHaveLength(1);
    }
    expect(await completeCallback(deps, query, binding)).toBe(doneUrl(id, "success"));
    expect(await codeRequests()).toBe(before + 1);
    expect((await rowOf(id))!.status).toBe("ACTIVE");
    // …once: afterwards the other browser hears "already completed", like everyone else.
    expect((await refusal(completeCallback(deps, query, randomToken(32)))).message).toMatch(
      /already completed/,
    );
    expect(await codeRequests()).toBe(before + 1);
  });

  it("a forged or missing iss (RFC 9207 mix-up defence) is refused and nothing is stored", async () => {
    const cases: Array<[string, (q: URLSearchParams) => void]> = [
      ["forged", (q) => q.set("iss", "http://evil.example")],
      ["missing", (q) => q.delete("iss")],
      ["trailing slash", (q) => q.set("iss", `${issuer}/`)],
    ];
    for (const [label, tamper] of cases) {
      const { connectionId: id, binding, query } = await startAndAuthorize({ username: "ivy" });
      expect(query.get("iss")).toBe(issuer);
      tamper(query);
      const before = await codeRequests();
      const err = await refusal(completeCallback(deps, query, binding));
      expect(err.code, label).toBe("bad_request");
      expect(err.message, label).toMatch(/refused/);
      expect(await codeRequests(), label).toBe(before);
      await expectUntouched(id);
      expect(await flowsOf(id), label).toEqual([]); // consumed: that is expected
    }
  });

  it("a tampered state is refused as unknown; the real flow is untouched and still completes once", async () => {
    const { connectionId: id, binding, query } = await startAndAuthorize({ username: "tess" });
    const state = query.get("state")!;
    const tampered = new URLSearchParams(query);
    const c = state[10] === "A" ? "B" : "A";
    tampered.set("state", `${state.slice(0, 10)}${c}${state.slice(11)}`);
    expect(tampered.get("state")).toHaveLength(state.length);

    const before = await codeRequests();
    const err = await refusal(completeCallback(deps, tampered, binding));
    expect(err.code).toBe("bad_request");
    expect(err.message).toMatch(/already completed or is unknown/);
    expect(await codeRequests()).toBe(before);
    await expectUntouched(id);
    expect(await flowsOf(id)).toHaveLength(1);

    for (const bad of [null, "", "x".repeat(201)]) {
      const q = new URLSearchParams(query);
      if (bad === null) q.delete("state");
      else q.set("state", bad);
      expect((await refusal(completeCallback(deps, q, binding))).code).toBe("bad_request");
    }
    expect(await codeRequests()).toBe(before);
    await expectUntouched(id);

    expect(await completeCallback(deps, query, binding)).toBe(doneUrl(id, "success"));
    expect(await codeRequests()).toBe(before + 1);
    expect((await rowOf(id))!.status).toBe("ACTIVE");
  });

  it("Deny → FAILED with the reason, no token request, no secrets", async () => {
    const {
      connectionId: id,
      binding,
      query,
    } = await startAndAuthorize({
      username: "dan",
      decision: "deny",
    });
    expect(query.get("error")).toBe("access_denied");
    expect(query.get("code")).toBeNull();
    const before = await codeRequests();
    expect(await completeCallback(deps, query, binding)).toBe(
      doneUrl(id, "failed", "access_denied"),
    );
    expect(await codeRequests()).toBe(before);
    const row = (await rowOf(id))!;
    expect(row).toMatchObject({
      status: "FAILED",
      statusReason: "The user denied access",
      credentialsEnc: null,
      credentialHints: {},
      upstreamIdentity: null,
      grantedScopes: null,
    });
    expect(await eventTypes(id)).toEqual(["initiated", "link_created", "failed"]);
    expect(await flowsOf(id)).toEqual([]);
  });

  it("an abandoned flow: INITIATED past the TTL → EXPIRED with a reason and one event; a second sweep changes nothing", async () => {
    const fresh = await start({ userId: "u-fresh" });
    // Old rows in other states must be left alone: only INITIATED connections expire.
    const active = await startAndAuthorize({ username: "old-active" });
    await completeCallback(deps, active.query, active.binding);
    const failed = await startAndAuthorize({ username: "old-failed", decision: "deny" });
    await completeCallback(deps, failed.query, failed.binding);
    const { connectionId: id, binding, query } = await startAndAuthorize({ username: "abe" });
    const old = new Date(Date.now() - (FLOW_TTL + 60) * 1000);
    for (const c of [id, active.connectionId, failed.connectionId]) {
      await deps.db.update(connections).set({ updatedAt: old }).where(eq(connections.id, c));
    }
    const bystanders = [(await rowOf(active.connectionId))!, (await rowOf(failed.connectionId))!];
    expect(bystanders.map((r) => r.status)).toEqual(["ACTIVE", "FAILED"]);
    await deps.db
      .update(authFlows)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authFlows.connectionId, id));
    expect((await rowOf(id))!.updatedAt.getTime()).toBe(old.getTime());

    expect(await expireAbandonedFlows(deps)).toBe(1);
    const row = (await rowOf(id))!;
    expect(row.status).toBe("EXPIRED");
    expect(row.statusReason).toBe("The end user did not finish connecting within 10 minutes");
    expect(row.credentialsEnc).toBeNull();
    expect(await eventTypes(id)).toEqual(["initiated", "link_created", "expired"]);
    const [ev] = await deps.db
      .select()
      .from(connectionEvents)
      .where(and(eq(connectionEvents.connectionId, id), eq(connectionEvents.type, "expired")));
    expect(ev?.detail).toBe(row.statusReason);
    expect(ev?.actor).toBe("system");
    expect(await flowsOf(id)).toEqual([]); // the expired flow is swept too
    // A connection whose link is still fresh is left alone, and so are old non-INITIATED ones.
    expect((await rowOf(fresh.connectionId))!.status).toBe("INITIATED");
    expect(await rowOf(active.connectionId)).toEqual(bystanders[0]);
    expect(await rowOf(failed.connectionId)).toEqual(bystanders[1]);

    expect(await expireAbandonedFlows(deps)).toBe(0);
    expect(await rowOf(id)).toEqual(row);
    expect(await eventTypes(id)).toEqual(["initiated", "link_created", "expired"]);

    // The callback for the swept flow is refused.
    const before = await codeRequests();
    expect((await refusal(completeCallback(deps, query, binding))).message).toMatch(
      /already completed or is unknown/,
    );
    expect(await codeRequests()).toBe(before);
    expect(await rowOf(id)).toEqual(row);
  });

  it("delete revokes upstream (RFC 7009): both tokens become inactive, the row is gone", async () => {
    const { connectionId: id, binding, query } = await startAndAuthorize({ username: "gus" });
    await completeCallback(deps, query, binding);
    const creds = credentialsOf((await rowOf(id))!);
    const access = creds.access_token!;
    const refresh = creds.refresh_token!;
    expect(await introspectAtSandbox(issuer, CLIENT, access)).toMatchObject({
      active: true,
      sub: "gus",
      client_id: CLIENT_ID,
    });
    expect(await introspectAtSandbox(issuer, CLIENT, refresh)).toMatchObject({
      active: true,
      sub: "gus",
    });

    const revocationsBefore = (await sandboxStats(issuer)).revocations;
    expect(await deleteConnection(deps, { projectId, id, actor: systemActor })).toEqual({
      revoked: true,
    });
    expect((await sandboxStats(issuer)).revocations - revocationsBefore).toBe(2);
    expect(await introspectAtSandbox(issuer, CLIENT, access)).toEqual({ active: false });
    expect(await introspectAtSandbox(issuer, CLIENT, refresh)).toEqual({ active: false });

    expect(await rowOf(id)).toBeUndefined();
    expect(await eventTypes(id)).toEqual([]);
    expect(await flowsOf(id)).toEqual([]);
    expect(await deps.db.select().from(linkTokens).where(eq(linkTokens.connectionId, id))).toEqual(
      [],
    );
    expect((await refusal(getConnection(deps, { projectId, id }))).code).toBe("not_found");
    const audits = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, id), eq(auditLog.verb, "connection.delete")));
    expect(audits.map((a) => a.detail)).toEqual([
      {
        app: "sandbox",
        from: { status: "ACTIVE", enabled: true },
        to: "deleted",
        revoked: true,
      },
    ]);
    expect(JSON.stringify(audits)).not.toContain(access);
  });

  it("the return URL must be on the project's allow-list; an allowed one gets the outcome, never one from the callback query", async () => {
    const countFor = async (externalId: string) =>
      (
        await deps.db
          .select({ id: entities.id })
          .from(entities)
          .where(and(eq(entities.projectId, projectId), eq(entities.externalId, externalId)))
      ).length;
    const connectionCount = async () =>
      (
        await deps.db
          .select({ id: connections.id })
          .from(connections)
          .where(eq(connections.projectId, projectId))
      ).length;

    const before = await connectionCount();
    for (const bad of ["https://evil.example/cb", `${APP_ORIGIN}/cb`]) {
      const err = await refusal(
        initiateConnection(deps, {
          projectId,
          userId: "u-return",
          integrationId,
          returnUrl: bad,
          actor: systemActor,
        }),
      );
      expect(err.code).toBe("bad_request");
      expect(err.status).toBe(400);
      expect(err.message).toMatch(/not allowed/);
    }
    expect(await connectionCount()).toBe(before);
    expect(await countFor("u-return")).toBe(0);

    await updateProjectSettings(deps, {
      projectId,
      actor: systemActor,
      patch: { allowedReturnOrigins: [APP_ORIGIN] },
    });
    // Still refused: another origin, a look-alike, userinfo.
    for (const bad of [
      "https://evil.example/cb",
      "https://app.example.com.evil.example/cb",
      "https://app.example.com@evil.example/cb",
      "http://app.example.com/cb",
    ]) {
      expect(
        (
          await refusal(
            initiateConnection(deps, {
              projectId,
              userId: "u-return",
              integrationId,
              returnUrl: bad,
              actor: systemActor,
            }),
          )
        ).status,
        bad,
      ).toBe(400);
    }
    expect(await connectionCount()).toBe(before);

    const returnUrl = `${APP_ORIGIN}/after-connect?tab=1`;
    const ok = await startAndAuthorize({ username: "rui", userId: "u-return", returnUrl });
    expect((await rowOf(ok.connectionId))!.returnUrl).toBe(returnUrl);
    ok.query.set("return_url", "https://evil.example/x");
    ok.query.set("callback_url", "https://evil.example/y");
    const outcome = await completeCallback(deps, ok.query, ok.binding);
    expect(outcome).toBe(
      `${APP_ORIGIN}/after-connect?tab=1&status=success&connected_account_id=${ok.connectionId}`,
    );
    expect((await rowOf(ok.connectionId))!.status).toBe("ACTIVE");

    const denied = await startAndAuthorize({
      username: "rui",
      userId: "u-return",
      returnUrl,
      decision: "deny",
    });
    expect(await completeCallback(deps, denied.query, denied.binding)).toBe(
      `${APP_ORIGIN}/after-connect?tab=1&status=failed&connected_account_id=${denied.connectionId}&error=access_denied`,
    );
  });
});
