// OAuth 1.0a connect flow (SECURITY.md 28) against a strict provider (oauthlib, RFC 5849):
// request token → authorize → access token, HMAC-SHA1, parameters in the Authorization header.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { authFlows, connections } from "@/db/schema";
import { registerApp, type AppDef } from "@/lib/catalog";
import { beginAuthorization, completeCallback } from "@/lib/core/connect-flow";
import { systemActor, type Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { createReconnectLink, initiateConnection } from "@/lib/core/initiate";
import { createIntegration } from "@/lib/core/integrations";
import { openLink } from "@/lib/core/link-context";
import { signOAuth1 } from "@/lib/core/oauth1-sign";
import { createProject } from "@/lib/core/projects";
import { upstreamRequest } from "@/lib/core/upstream";
import { openTestDb, testDeps, type TestDb } from "../support/db";
import { startOAuth1Peer, type OAuth1Peer } from "../support/oauth1-peer";

const APP_KEY = "oauth1peer";
const CALLBACK = "http://localhost:3000/api/oauth/callback";
// Trello-like consumer credentials: a 32-hex key, a 64-hex secret.
const CONSUMER = {
  key: crypto.randomBytes(16).toString("hex"),
  secret: crypto.randomBytes(32).toString("hex"),
};

let peer: OAuth1Peer;
let handle: TestDb;
let deps: Deps;
let app: AppDef;
let projectId: string;

function peerApp(origin: string): AppDef {
  return {
    key: APP_KEY,
    name: "OAuth1 Peer",
    description: "A strict OAuth 1.0a provider run by the test (oauthlib).",
    logo: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E",
    categories: ["test"],
    docsUrl: `${origin}/`,
    apiBaseUrl: `${origin}/1`,
    authSchemes: [
      {
        mode: "OAUTH1",
        oauth1: {
          requestTokenUrl: `${origin}/1/OAuthGetRequestToken`,
          authorizeUrl: `${origin}/1/OAuthAuthorizeToken`,
          accessTokenUrl: `${origin}/1/OAuthGetAccessToken`,
          signatureMethod: "HMAC-SHA1",
          authorizeParams: { name: "Keyport", scope: "read,write", expiration: "never" },
        },
        fields: [],
      },
    ],
    connectionFields: [],
    identity: { method: "GET", path: "/members/me", id: "id", login: "username", name: "fullName" },
  };
}

/** Create a connection, open its link and start authorization: the provider's authorize URL. */
async function startFlow(binding: string) {
  const { connection, link } = await initiateConnection(deps, {
    projectId,
    appKey: APP_KEY,
    userId: `u-${binding.slice(0, 8)}`,
    actor: systemActor,
  });
  if (!link) throw new Error("expected a connect link");
  const ctx = await openLink(deps, link.token);
  const authorizeUrl = new URL(await beginAuthorization(deps, ctx, binding));
  return { connectionId: connection.id, authorizeUrl };
}

/** The end user at the provider: returns where the provider redirects the browser. */
async function decide(authorizeUrl: URL, extra: Record<string, string>): Promise<URL> {
  const url = new URL(authorizeUrl);
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  const res = await fetch(url, { redirect: "manual" });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location") ?? "");
}

async function connectionRow(id: string) {
  const [row] = await deps.db.select().from(connections).where(eq(connections.id, id));
  if (!row) throw new Error(`no connection ${id}`);
  return row;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const newBinding = () => crypto.randomBytes(24).toString("base64url");

beforeAll(async () => {
  peer = await startOAuth1Peer({
    consumerKey: CONSUMER.key,
    consumerSecret: CONSUMER.secret,
    callback: CALLBACK,
  });
  app = peerApp(peer.origin);
  registerApp(app);
  handle = await openTestDb();
  deps = testDeps(handle, { allowLoopbackEgress: true });
  const project = await createProject(deps, { name: "OAuth1 test", actor: systemActor });
  projectId = project.id;
  await createIntegration(deps, {
    projectId,
    appKey: APP_KEY,
    clientId: CONSUMER.key,
    clientSecret: CONSUMER.secret,
    actor: systemActor,
  });
});

afterAll(async () => {
  await handle?.close();
  await peer?.close();
});

describe("OAuth 1.0a connect flow against a strict provider", () => {
  const binding = newBinding();
  let connectionId = "";
  let callbackQuery = new URLSearchParams();
  let secrets: Record<string, string> = {};
  let accessTokenCallsBefore = 0;

  it("1. connects end to end: request token → authorize → access token → ACTIVE, token secret encrypted", async () => {
    const started = await startFlow(binding);
    connectionId = started.connectionId;
    const { authorizeUrl } = started;
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(
      `${peer.origin}/1/OAuthAuthorizeToken`,
    );
    const requestToken = authorizeUrl.searchParams.get("oauth_token");
    expect(requestToken).toMatch(/^\S{8,}$/);
    expect(authorizeUrl.searchParams.get("name")).toBe("Keyport");

    // The request-token secret is kept encrypted while the flow is open.
    const issued = (await peer.stats()).last_request_token;
    expect(issued?.token).toBe(requestToken);
    const flows = await deps.db
      .select()
      .from(authFlows)
      .where(eq(authFlows.connectionId, connectionId));
    expect(flows).toHaveLength(1);
    expect(JSON.stringify(flows)).not.toContain(issued?.secret);
    expect(JSON.stringify(flows)).not.toContain(requestToken);

    const location = await decide(authorizeUrl, { user: "alice" });
    expect(location.origin + location.pathname).toBe(CALLBACK);
    expect(location.searchParams.get("oauth_token")).toBe(requestToken);
    expect(location.searchParams.get("oauth_verifier")).toMatch(/^\S{8,}$/);
    callbackQuery = location.searchParams;

    accessTokenCallsBefore = (await peer.stats()).access_token;
    const outcome = new URL(await completeCallback(deps, callbackQuery, binding));
    expect(outcome.searchParams.get("status")).toBe("success");
    expect(outcome.searchParams.get("connected_account_id")).toBe(connectionId);

    const row = await connectionRow(connectionId);
    expect(row.status).toBe("ACTIVE");
    expect(row.upstreamIdentity?.login).toBe("alice");
    expect(row.upstreamIdentity?.name).toBe("Alice Example");
    expect(row.upstreamLogin).toBe("alice");
    expect(row.credentialsEnc).toMatch(/^v1:[\w-]+:[\w-]+$/);
    secrets = JSON.parse(
      deps.keyring.decrypt(row.credentialsEnc ?? "", {
        table: "connections",
        rowId: connectionId,
        field: "credentials",
      }),
    ) as Record<string, string>;
    expect(Object.keys(secrets).sort()).toEqual(["oauth_token", "oauth_token_secret"]);
    expect(secrets.oauth_token).toMatch(/^[A-Za-z0-9]{20,}$/);
    expect(secrets.oauth_token_secret).toMatch(/^[A-Za-z0-9]{20,}$/);
    expect(secrets.oauth_token).not.toBe(requestToken);
    // Nothing in the raw row holds the token secret (or the token) in clear.
    expect(JSON.stringify(row)).not.toContain(secrets.oauth_token_secret);
    expect(JSON.stringify(row)).not.toContain(secrets.oauth_token);
    // The flow row is consumed.
    expect(
      await deps.db.select().from(authFlows).where(eq(authFlows.connectionId, connectionId)),
    ).toHaveLength(0);
  });

  it("2. a request signed by upstreamRequest is accepted by the strict provider", async () => {
    const res = await upstreamRequest(deps, {
      app,
      base: app.apiBaseUrl,
      url: new URL(`${peer.origin}/1/members/me`),
      method: "GET",
      credentials: { scheme: app.authSchemes[0]!, secrets, consumer: CONSUMER },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ username: "alice", fullName: "Alice Example" });
  });

  it("2b. a signed GET with query parameters (one with a space) is accepted", async () => {
    const url = new URL(`${peer.origin}/1/members/me`);
    url.searchParams.set("fields", "id,username");
    url.searchParams.set("q", "a b");
    const res = await upstreamRequest(deps, {
      app,
      base: app.apiBaseUrl,
      url,
      method: "GET",
      credentials: { scheme: app.authSchemes[0]!, secrets, consumer: CONSUMER },
    });
    expect(res.status).toBe(200);
  });

  it("2c. a signed POST with a form-encoded body is accepted (body parameters are signed, RFC 5849 §3.4.1.3.1)", async () => {
    const res = await upstreamRequest(deps, {
      app,
      base: app.apiBaseUrl,
      url: new URL(`${peer.origin}/1/cards`),
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ name: "Hello" }).toString(),
      credentials: { scheme: app.authSchemes[0]!, secrets, consumer: CONSUMER },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ name: "Hello", by: "alice" });
  });

  it("3. replaying the callback is refused before reaching the provider; one access-token call in all", async () => {
    const err = await refusal(completeCallback(deps, callbackQuery, binding));
    expect(err.message).toMatch(/already completed/);
    expect((await peer.stats()).access_token).toBe(accessTokenCallsBefore + 1);
    expect((await connectionRow(connectionId)).status).toBe("ACTIVE");
  });

  it("4. a tampered signature and a replayed signed header are both refused (401)", async () => {
    const url = `${peer.origin}/1/members/me`;
    const token = { key: secrets.oauth_token ?? "", secret: secrets.oauth_token_secret ?? "" };
    const get = (authorization: string) => fetch(url, { headers: { authorization } });

    const tamperedFrom = signOAuth1({ consumer: CONSUMER, token, method: "GET", url });
    const tampered = tamperedFrom.replace(
      /oauth_signature="(.)/,
      (_m, c: string) => `oauth_signature="${c === "A" ? "B" : "A"}`,
    );
    expect(tampered).not.toBe(tamperedFrom);
    expect((await get(tampered)).status).toBe(401);

    const before = await peer.stats();
    const header = signOAuth1({ consumer: CONSUMER, token, method: "GET", url });
    expect(header).toMatch(/^OAuth /);
    expect(header).toMatch(/oauth_signature_method="HMAC-SHA1"/);
    expect((await get(header)).status).toBe(200);
    expect((await get(header)).status).toBe(401); // same nonce and timestamp
    const after = await peer.stats();
    expect(after.replays).toBe(before.replays + 1);
    expect(after.rejected).toBe(before.rejected + 1);
  });

  it("5. deny at the provider (callback carries only denied=<token>) → FAILED 'The user denied access'", async () => {
    const { connectionId: id, authorizeUrl } = await startFlow(binding);
    const location = await decide(authorizeUrl, { deny: "1" });
    expect(location.origin + location.pathname).toBe(CALLBACK);
    expect(location.searchParams.get("denied")).toBe(authorizeUrl.searchParams.get("oauth_token"));
    expect(location.searchParams.has("oauth_verifier")).toBe(false);
    const outcome = new URL(await completeCallback(deps, location.searchParams, binding));
    expect(outcome.searchParams.get("status")).toBe("failed");
    expect(outcome.searchParams.get("error")).toBe("access_denied");
    const row = await connectionRow(id);
    expect(row.status).toBe("FAILED");
    expect(row.statusReason).toBe("The user denied access");
  });

  it("5b. deny where the provider also echoes oauth_token → FAILED 'The user denied access'", async () => {
    const { connectionId: id, authorizeUrl } = await startFlow(binding);
    const before = (await peer.stats()).access_token;
    const location = await decide(authorizeUrl, { deny: "1", echo_token: "1" });
    expect(location.searchParams.get("oauth_token")).toBe(
      authorizeUrl.searchParams.get("oauth_token"),
    );
    const outcome = new URL(await completeCallback(deps, location.searchParams, binding));
    expect(outcome.searchParams.get("status")).toBe("failed");
    expect(outcome.searchParams.get("error")).toBe("access_denied");
    const row = await connectionRow(id);
    expect(row.status).toBe("FAILED");
    expect(row.statusReason).toBe("The user denied access");
    expect(row.credentialsEnc).toBeNull();
    expect((await peer.stats()).access_token).toBe(before);
  });

  it("6. a callback carrying another browser's binding is refused; the connection stays INITIATED", async () => {
    const { connectionId: id, authorizeUrl } = await startFlow(binding);
    const location = await decide(authorizeUrl, { user: "bob" });
    const before = (await peer.stats()).access_token;
    const err = await refusal(completeCallback(deps, location.searchParams, newBinding()));
    expect(err.message).toMatch(/another browser/);
    const err2 = await refusal(completeCallback(deps, location.searchParams, undefined));
    expect(err2.message).toMatch(/another browser|already completed/);
    const row = await connectionRow(id);
    expect(row.status).toBe("INITIATED");
    expect(row.credentialsEnc).toBeNull();
    expect((await peer.stats()).access_token).toBe(before);
  });

  it("7. every request-token call put oauth_callback in the Authorization header and got oauth_callback_confirmed=true", async () => {
    const stats = await peer.stats();
    const calls = stats.request_token_calls.filter((call) => call.query === "");
    expect(calls.length).toBeGreaterThanOrEqual(4);
    for (const call of calls) {
      expect(call).toMatchObject({
        status: 200,
        callbackInHeader: CALLBACK,
        callbackConfirmed: "true",
        signatureMethod: "HMAC-SHA1",
        nonceLength: 24,
        bodyLength: 0, // no protocol parameters split into the body (RFC 5849 §3.5)
        query: "",
      });
    }
    expect(stats.callback_confirmed).toBe(calls.length);
  });

  it("8. a forged oauth_verifier is refused by the provider → FAILED, nothing stored", async () => {
    const { connectionId: id, authorizeUrl } = await startFlow(binding);
    const location = await decide(authorizeUrl, { user: "alice" });
    const query = new URLSearchParams(location.searchParams);
    query.set("oauth_verifier", "X".repeat(30));
    const before = await peer.stats();
    const outcome = new URL(await completeCallback(deps, query, binding));
    expect(outcome.searchParams.get("status")).toBe("failed");
    expect(outcome.searchParams.get("error")).toBe("token_exchange_failed");
    const after = await peer.stats();
    expect(after.access_token).toBe(before.access_token + 1);
    expect(after.rejected).toBe(before.rejected + 1);
    const row = await connectionRow(id);
    expect(row.status).toBe("FAILED");
    expect(row.statusReason).toMatch(/refused the OAuth 1\.0a request/);
    expect(row.credentialsEnc).toBeNull();
  });

  it("9. a provider that does not confirm the callback (OAuth 1.0, not 1.0a) is refused at the start", async () => {
    const legacyKey = "oauth1peerlegacy";
    const base = peerApp(peer.origin);
    const scheme = base.authSchemes[0]!;
    registerApp({
      ...base,
      key: legacyKey,
      name: "OAuth1 Peer (1.0)",
      authSchemes: [
        {
          ...scheme,
          oauth1: {
            ...scheme.oauth1!,
            requestTokenUrl: `${peer.origin}/1/OAuthGetRequestToken?legacy=1`,
          },
        },
      ],
    });
    await createIntegration(deps, {
      projectId,
      appKey: legacyKey,
      clientId: CONSUMER.key,
      clientSecret: CONSUMER.secret,
      actor: systemActor,
    });
    const { connection, link } = await initiateConnection(deps, {
      projectId,
      appKey: legacyKey,
      userId: "legacy-user",
      actor: systemActor,
    });
    const ctx = await openLink(deps, link?.token ?? "");
    const err = await refusal(beginAuthorization(deps, ctx, newBinding()));
    expect(err.message).toMatch(/oauth_callback_confirmed/);
    const legacyCalls = (await peer.stats()).request_token_calls.filter(
      (call) => call.query === "legacy=1",
    );
    expect(legacyCalls).toHaveLength(1);
    expect(legacyCalls[0]).toMatchObject({
      status: 200,
      callbackInHeader: CALLBACK,
      callbackConfirmed: null,
    });
    expect(
      await deps.db.select().from(authFlows).where(eq(authFlows.connectionId, connection.id)),
    ).toHaveLength(0);
    expect((await connectionRow(connection.id)).status).toBe("INITIATED");
  });
});

describe("OAuth 1.0a connect links are single-use (issue 11 item 2)", () => {
  /** A new connection and its link; each started flow is a browser that went to the provider. */
  async function newLink(userId: string) {
    const { connection, link } = await initiateConnection(deps, {
      projectId,
      appKey: APP_KEY,
      userId,
      actor: systemActor,
    });
    return { connectionId: connection.id, token: link!.token };
  }
  async function authorizedFlow(token: string, user: string) {
    const binding = newBinding();
    const authorizeUrl = new URL(
      await beginAuthorization(deps, await openLink(deps, token), binding),
    );
    return { binding, query: (await decide(authorizeUrl, { user })).searchParams };
  }

  it("10. a flow parked before the link was used cannot complete after activation", async () => {
    const { connectionId: id, token } = await newLink("u1-parked");
    const parked = await authorizedFlow(token, "bob");
    const real = await authorizedFlow(token, "alice");
    await completeCallback(deps, real.query, real.binding);
    expect((await connectionRow(id)).upstreamLogin).toBe("alice");
    expect(await deps.db.select().from(authFlows).where(eq(authFlows.connectionId, id))).toEqual(
      [],
    );
    const before = (await peer.stats()).access_token;
    const err = await refusal(completeCallback(deps, parked.query, parked.binding));
    expect(err.message).toMatch(/already completed or is unknown/);
    expect((await peer.stats()).access_token).toBe(before);
    expect((await connectionRow(id)).upstreamLogin).toBe("alice");
  });

  it("11. a flow started from a link that a newer reconnect link retired is refused at the callback", async () => {
    const { connectionId: id, token } = await newLink("u1-super");
    const parked = await authorizedFlow(token, "bob");
    const newer = await createReconnectLink(deps, { projectId, id, actor: systemActor });
    const before = (await peer.stats()).access_token;
    const err = await refusal(completeCallback(deps, parked.query, parked.binding));
    expect(err.code).toBe("conflict");
    expect(err.message).toMatch(/replaced by a newer one/);
    expect((await peer.stats()).access_token).toBe(before);
    const row = await connectionRow(id);
    expect(row.status).toBe("INITIATED");
    expect(row.credentialsEnc).toBeNull();
    // The newer link connects.
    const real = await authorizedFlow(newer.token, "alice");
    const outcome = new URL(await completeCallback(deps, real.query, real.binding));
    expect(outcome.searchParams.get("status")).toBe("success");
    expect((await connectionRow(id)).upstreamLogin).toBe("alice");
  });
});
