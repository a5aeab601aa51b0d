import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import * as oauth from "oauth4webapi";
import { loadEnv } from "@/lib/env";
import { startSandbox, type Sandbox } from "@/lib/sandbox";

const CLIENT_ID = "keyport-test";
const CLIENT_SECRET = "s3cret";
const REDIRECT_URI = "http://localhost:3000/api/oauth/callback";
const API_KEY = "sbx_demo_key";
const ACCESS_TTL = 900;
const insecure = { [oauth.allowInsecureRequests]: true } as const;

/** A browser stand-in: a cookie jar plus manual redirects, stopping at the client's redirect URI. */
class Browser {
  private readonly jar = new Map<string, string>();

  constructor(private readonly origin: string) {}

  async request(url: URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size) {
      headers.set("cookie", [...this.jar].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (!value || expired) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  /** Follows redirects within the sandbox; returns the page reached or the client callback URL. */
  async go(
    start: URL,
    init?: RequestInit,
  ): Promise<{ page?: string; pageUrl?: URL; callback?: URL }> {
    let url = start;
    let res = await this.request(url, init);
    for (let hops = 0; hops < 10; hops++) {
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location) {
        return { page: await res.text(), pageUrl: url };
      }
      url = new URL(location, url);
      if (url.origin !== this.origin) return { callback: url };
      res = await this.request(url);
    }
    throw new Error("too many redirects");
  }

  /** Submits the page's form (the first one) with the given fields. */
  async submit(from: { page?: string; pageUrl?: URL }, fields: Record<string, string>) {
    const action = /<form[^>]*action="([^"]+)"/.exec(from.page ?? "")?.[1];
    if (!action || !from.pageUrl) throw new Error("no form on page");
    return this.go(new URL(action.replaceAll("&amp;", "&"), from.pageUrl), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

interface AuthorizeOptions {
  username?: string;
  decision?: "allow" | "deny";
  scope?: string;
  pkce?: boolean;
}

function startTestSandbox(accessTtlSeconds: number): Promise<Sandbox> {
  return startSandbox({
    port: 0,
    accessTtlSeconds,
    apiKeys: [API_KEY],
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] }],
  });
}

/** Discovers the sandbox with oauth4webapi and returns helpers that play Keyport and a browser. */
async function harness(issuer: string) {
  const issuerUrl = new URL(issuer);
  const as = await oauth.processDiscoveryResponse(
    issuerUrl,
    await oauth.discoveryRequest(issuerUrl, { algorithm: "oidc", ...insecure }),
  );
  const client: oauth.Client = { client_id: CLIENT_ID };
  const clientAuth = oauth.ClientSecretBasic(CLIENT_SECRET);

  function authorizationUrl(params: Record<string, string>): URL {
    const url = new URL(as.authorization_endpoint ?? `${issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: CLIENT_ID,
      response_type: "code",
      redirect_uri: REDIRECT_URI,
      scope: "notes:read notes:write",
      ...params,
    }).toString();
    return url;
  }

  /** Runs the browser part of the code flow; returns the callback URL, state and verifier. */
  async function authorize(opts: AuthorizeOptions = {}) {
    const browser = new Browser(issuer);
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const params: Record<string, string> = { state };
    if (opts.scope) params.scope = opts.scope;
    if (opts.pkce !== false) {
      params.code_challenge = await oauth.calculatePKCECodeChallenge(verifier);
      params.code_challenge_method = "S256";
    }
    const login = await browser.go(authorizationUrl(params));
    if (login.callback) return { callback: login.callback, state, verifier };
    expect(login.page).toContain("Sign in");
    const consent = await browser.submit(login, {
      username: opts.username ?? "alice",
      password: "sandbox",
    });
    expect(consent.page).toContain("Allow");
    const done = await browser.submit(consent, { decision: opts.decision ?? "allow" });
    if (!done.callback) throw new Error("expected a redirect to the client");
    return { callback: done.callback, state, verifier };
  }

  async function exchange(callback: URL, state: string, verifier: string) {
    const params = oauth.validateAuthResponse(as, client, callback, state);
    const res = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      clientAuth,
      params,
      REDIRECT_URI,
      verifier,
      insecure,
    );
    return oauth.processAuthorizationCodeResponse(as, client, res);
  }

  async function tokensFor(opts: AuthorizeOptions = {}) {
    const { callback, state, verifier } = await authorize(opts);
    return exchange(callback, state, verifier);
  }

  async function refresh(refreshToken: string) {
    const res = await oauth.refreshTokenGrantRequest(
      as,
      client,
      clientAuth,
      refreshToken,
      insecure,
    );
    return oauth.processRefreshTokenResponse(as, client, res);
  }

  async function revoke(token: string) {
    const res = await oauth.revocationRequest(as, client, clientAuth, token, insecure);
    await oauth.processRevocationResponse(res);
  }

  async function introspect(token: string) {
    const res = await oauth.introspectionRequest(as, client, clientAuth, token, insecure);
    return oauth.processIntrospectionResponse(as, client, res);
  }

  function api(path: string, token: string | { apiKey: string }, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (typeof token === "string") headers.set("authorization", `Bearer ${token}`);
    else headers.set("x-api-key", token.apiKey);
    return fetch(`${issuer}${path}`, { ...init, headers });
  }

  return {
    as,
    client,
    authorizationUrl,
    authorize,
    exchange,
    tokensFor,
    refresh,
    revoke,
    introspect,
    api,
  };
}

describe("sandbox authorization server and API", () => {
  let sandbox: Sandbox;
  let issuer: string;
  let h: Awaited<ReturnType<typeof harness>>;

  beforeAll(async () => {
    sandbox = await startTestSandbox(ACCESS_TTL);
    issuer = sandbox.issuer;
    h = await harness(issuer);
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  async function stats() {
    const res = await fetch(`${issuer}/__sandbox/stats`);
    return (await res.json()) as {
      token_requests: { authorization_code: number; refresh_token: number };
      revocations: number;
    };
  }

  it("advertises a strict configuration in discovery", () => {
    expect(h.as.issuer).toBe(issuer);
    expect(h.as.code_challenge_methods_supported).toEqual(["S256"]);
    expect(h.as.authorization_response_iss_parameter_supported).toBe(true);
    expect(h.as.revocation_endpoint).toBe(`${issuer}/token/revocation`);
    expect(h.as.introspection_endpoint).toBe(`${issuer}/token/introspection`);
    expect(h.as.scopes_supported).toEqual(expect.arrayContaining(["notes:read", "notes:write"]));
  });

  it("full code flow – tokens carry the scopes, TTL and iss; GET /api/me returns the user", async () => {
    const { callback, state, verifier } = await h.authorize({ username: "alice" });
    expect(callback.searchParams.get("iss")).toBe(issuer);
    const forged = new URL(callback);
    forged.searchParams.set("iss", "http://127.0.0.1:1");
    expect(() => oauth.validateAuthResponse(h.as, h.client, forged, state)).toThrow();

    const tokens = await h.exchange(callback, state, verifier);
    expect(tokens.token_type).toBe("bearer");
    expect(tokens.expires_in).toBe(ACCESS_TTL);
    expect(tokens.scope?.split(" ").sort()).toEqual(["notes:read", "notes:write"]);
    expect(tokens.refresh_token).toMatch(/^[\w-]{20,}$/);

    const me = await h.api("/api/me", tokens.access_token);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ id: "alice", username: "alice", name: "alice" });
  });

  it("login page – a wrong password shows an error and keeps the user on the page", async () => {
    const browser = new Browser(issuer);
    const challenge = await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier());
    const login = await browser.go(
      h.authorizationUrl({ code_challenge: challenge, code_challenge_method: "S256" }),
    );
    expect(login.page).toMatch(/<label for="username">Username<\/label>/);
    expect(login.page).toMatch(/<label for="password">Password<\/label>/);
    expect(login.page).toMatch(/<button[^>]*>Sign in<\/button>/);
    const retry = await browser.submit(login, { username: "alice", password: "nope" });
    expect(retry.callback).toBeUndefined();
    expect(retry.page).toContain("Wrong password. The sandbox password is sandbox.");
    const consent = await browser.submit(retry, { username: "alice", password: "sandbox" });
    expect(consent.page).toMatch(/<button[^>]*>Allow<\/button>/);
    expect(consent.page).toMatch(/<button[^>]*>Deny<\/button>/);
    expect(consent.page).toContain(CLIENT_ID);
    expect(consent.page).toContain("notes:write");
  });

  it("notes – create, list, delete, validation and per-user isolation", async () => {
    const { access_token: alice } = await h.tokensFor({ username: "alice" });
    const { access_token: bob } = await h.tokensFor({ username: "bob" });
    const post = (token: string, body: string) =>
      h.api("/api/notes", token, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });

    const created = await post(alice, JSON.stringify({ title: "Groceries", body: "milk" }));
    expect(created.status).toBe(201);
    const note = (await created.json()) as { id: string; created_at: string };
    expect(note).toMatchObject({ title: "Groceries", body: "milk" });
    expect(Date.parse(note.created_at)).not.toBeNaN();
    expect((await post(alice, '{"title":"Two"}')).status).toBe(201);

    const list = (await (await h.api("/api/notes", alice)).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(2);
    const limited = (await (await h.api("/api/notes?limit=1", alice)).json()) as {
      items: unknown[];
    };
    expect(limited.items).toHaveLength(1);
    expect((await h.api("/api/notes?limit=abc", alice)).status).toBe(400);
    expect(await (await h.api("/api/notes", bob)).json()).toEqual({ items: [] });

    const del = (token: string) => h.api(`/api/notes/${note.id}`, token, { method: "DELETE" });
    expect((await del(bob)).status).toBe(404);
    expect((await del(alice)).status).toBe(204);
    expect((await del(alice)).status).toBe(404);

    const badJson = await post(alice, "{");
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: "invalid_request" });
    expect((await post(alice, "{}")).status).toBe(400);
    expect((await post(alice, JSON.stringify({ title: "x".repeat(201) }))).status).toBe(400);
    const huge = JSON.stringify({ title: "big", body: "x".repeat(1024 * 1024) });
    expect((await post(alice, huge)).status).toBe(413);

    const unknown = await h.api("/api/nope", alice);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: "not_found" });
  });

  it("notes – a token without notes:write gets 403", async () => {
    const { access_token } = await h.tokensFor({ username: "reader", scope: "notes:read" });
    expect((await h.api("/api/notes", access_token)).status).toBe(200);
    const res = await h.api("/api/notes", access_token, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"title":"nope"}',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: "insufficient_scope" });
  });

  it("refuses an authorization request without PKCE", async () => {
    const { callback } = await h.authorize({ pkce: false });
    expect(callback.searchParams.get("error")).toBe("invalid_request");
    expect(callback.searchParams.get("error_description")).toMatch(/PKCE/);
    expect(callback.searchParams.get("code")).toBeNull();
  });

  it("refuses an unregistered redirect URI without redirecting", async () => {
    const challenge = await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier());
    const url = h.authorizationUrl({
      redirect_uri: "http://evil.example/cb",
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    const res = await fetch(url, { redirect: "manual" });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
  });

  it("refuses a wrong PKCE verifier, then a replayed code, and revokes what the code issued", async () => {
    const { callback, state, verifier } = await h.authorize({ username: "dave" });
    const wrong = oauth.generateRandomCodeVerifier();
    await expect(h.exchange(callback, state, wrong)).rejects.toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringContaining("code_verifier does not match") as string,
    });
    // A wrong verifier does not burn the code: the right one still works, once.
    const tokens = await h.exchange(callback, state, verifier);
    expect((await h.api("/api/me", tokens.access_token)).status).toBe(200);
    await expect(h.exchange(callback, state, verifier)).rejects.toMatchObject({
      error: "invalid_grant",
    });
    expect((await h.api("/api/me", tokens.access_token)).status).toBe(401);
  });

  it("rotates refresh tokens; reusing a rotated one revokes the grant", async () => {
    const first = await h.tokensFor({ username: "erin" });
    const second = await h.refresh(first.refresh_token!);
    expect(second.refresh_token).toMatch(/^[\w-]{20,}$/);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.expires_in).toBe(ACCESS_TTL);
    expect((await h.api("/api/me", second.access_token)).status).toBe(200);

    await expect(h.refresh(first.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
      error_description: "grant request is invalid (refresh token already used)",
    });
    const after = await h.api("/api/me", second.access_token);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: "invalid_token" });
    await expect(h.refresh(second.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });
  });

  it("Deny sends error=access_denied back to the client", async () => {
    const { callback, state } = await h.authorize({ username: "frank", decision: "deny" });
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("error_description")).toBe("The user denied access");
    expect(callback.searchParams.get("iss")).toBe(issuer);
    expect(() => oauth.validateAuthResponse(h.as, h.client, callback, state)).toThrow(
      oauth.AuthorizationResponseError,
    );
  });

  it("RFC 7009 revocation makes introspection report active:false", async () => {
    const tokens = await h.tokensFor({ username: "grace" });
    const before = await h.introspect(tokens.access_token);
    expect(before).toMatchObject({ active: true, sub: "grace", client_id: CLIENT_ID });
    expect(before.scope?.split(" ").sort()).toEqual(["notes:read", "notes:write"]);

    await h.revoke(tokens.access_token);
    expect(await h.introspect(tokens.access_token)).toEqual({ active: false });
    expect((await h.api("/api/me", tokens.access_token)).status).toBe(401);

    // oidc-provider revokes every token of the grant, so the refresh token goes too.
    expect(await h.introspect(tokens.refresh_token!)).toEqual({ active: false });

    const other = await h.tokensFor({ username: "grace" });
    expect(await h.introspect(other.refresh_token!)).toMatchObject({ active: true });
    await h.revoke(other.refresh_token!);
    expect(await h.introspect(other.refresh_token!)).toEqual({ active: false });
    expect(await h.introspect(other.access_token)).toEqual({ active: false });
    await expect(h.refresh(other.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("POST /__sandbox/revoke-grants kills every token of the user", async () => {
    const a = await h.tokensFor({ username: "heidi" });
    const b = await h.tokensFor({ username: "heidi" });
    const other = await h.tokensFor({ username: "ivan" });
    const res = await fetch(`${issuer}/__sandbox/revoke-grants`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "heidi" }),
    });
    expect(await res.json()).toEqual({ revoked: 2 });
    for (const t of [a, b]) {
      expect((await h.api("/api/me", t.access_token)).status).toBe(401);
      await expect(h.refresh(t.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
    }
    expect((await h.api("/api/me", other.access_token)).status).toBe(200);
  });

  it("x-api-key – a valid key works, a wrong one is 401", async () => {
    const ok = await h.api("/api/me", { apiKey: API_KEY });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ username: "apikey_user" });
    const bad = await h.api("/api/me", { apiKey: "sbx_wrong" });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: "invalid_token" });
    expect((await fetch(`${issuer}/api/me`)).status).toBe(401);
    expect((await h.api("/api/me", "not-a-token")).status).toBe(401);
  });

  it("GET /__sandbox/stats counts token requests by grant type", async () => {
    const start = await stats();
    const tokens = await h.tokensFor({ username: "judy" });
    await h.refresh(tokens.refresh_token!);
    await expect(h.refresh(tokens.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });
    await h.revoke(tokens.access_token);
    const end = await stats();
    expect(end.token_requests.authorization_code - start.token_requests.authorization_code).toBe(1);
    expect(end.token_requests.refresh_token - start.token_requests.refresh_token).toBe(2);
    expect(end.revocations - start.revocations).toBe(1);
  });

  it("GET /api/openapi.json describes the four operations", async () => {
    const doc = (await (await fetch(`${issuer}/api/openapi.json`)).json()) as {
      servers: { url: string }[];
      paths: Record<string, Record<string, { summary: string; operationId: string }>>;
      components: { securitySchemes: Record<string, { type: string; name?: string }> };
    };
    expect(doc.servers).toEqual([{ url: issuer }]);
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([m, op]) => `${m.toUpperCase()} ${path} ${op.summary}`),
    );
    expect(ops.sort()).toEqual([
      "DELETE /api/notes/{id} Delete a note",
      "GET /api/me Get the authenticated user",
      "GET /api/notes List notes",
      "POST /api/notes Create a note",
    ]);
    for (const methods of Object.values(doc.paths)) {
      for (const op of Object.values(methods)) expect(op.operationId).toMatch(/^\w+$/);
    }
    expect(doc.components.securitySchemes.apiKeyAuth).toMatchObject({
      type: "apiKey",
      name: "x-api-key",
    });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http" });
  });
});

describe("sandbox access-token lifetime", () => {
  it("honours accessTtlSeconds: expires_in matches and the API refuses the expired token", async () => {
    const sandbox = await startTestSandbox(1);
    try {
      const h = await harness(sandbox.issuer);
      const tokens = await h.tokensFor({ username: "kim" });
      expect(tokens.expires_in).toBe(1);
      expect((await h.api("/api/me", tokens.access_token)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      expect((await h.api("/api/me", tokens.access_token)).status).toBe(401);
      expect(await h.introspect(tokens.access_token)).toEqual({ active: false });
    } finally {
      await sandbox.close();
    }
  });
});

describe("sandbox store file (issue 13 item 1: development keeps grants across restarts)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-sandbox-store-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const start = (port: number, storeFile?: string) =>
    startSandbox({
      port,
      accessTtlSeconds: ACCESS_TTL,
      apiKeys: [API_KEY],
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] }],
      ...(storeFile ? { storeFile } : {}),
    });

  it("a grant made before a restart on the same store still works: its access token and its refresh token", async () => {
    const file = path.join(dir, "store.json");
    const first = await start(0, file);
    const port = Number(new URL(first.issuer).port);
    const tokens = await (await harness(first.issuer)).tokensFor({ username: "persisted" });
    await first.close();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const second = await start(port, file);
    try {
      const h = await harness(second.issuer);
      const me = await h.api("/api/me", tokens.access_token);
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ username: "persisted" });
      const refreshed = await h.refresh(tokens.refresh_token!);
      expect(refreshed.access_token).not.toBe(tokens.access_token);
      expect((await h.api("/api/me", refreshed.access_token)).status).toBe(200);
    } finally {
      await second.close();
    }
  }, 60_000);

  it("without a store file (tests, production) a restart forgets every grant", async () => {
    const first = await start(0);
    const port = Number(new URL(first.issuer).port);
    const tokens = await (await harness(first.issuer)).tokensFor({ username: "forgotten" });
    await first.close();
    const second = await start(port);
    try {
      const h = await harness(second.issuer);
      expect((await h.api("/api/me", tokens.access_token)).status).toBe(401);
      await expect(h.refresh(tokens.refresh_token!)).rejects.toBeDefined();
    } finally {
      await second.close();
    }
  }, 60_000);

  it("only development defaults to a store file under the data directory", () => {
    const base = { KEYPORT_DATA_DIR: dir, AUTH_SECRET: "x".repeat(40) };
    expect(loadEnv({ ...base, NODE_ENV: "development" }).sandboxStoreFile).toBe(
      path.join(dir, "sandbox-store.json"),
    );
    expect(loadEnv({ ...base, NODE_ENV: "test" }).sandboxStoreFile).toBeUndefined();
    expect(
      loadEnv({ ...base, NODE_ENV: "development", KEYPORT_SANDBOX_STORE: "off" }).sandboxStoreFile,
    ).toBeUndefined();
    expect(
      loadEnv({ ...base, NODE_ENV: "test", KEYPORT_SANDBOX_STORE: "/tmp/x.json" }).sandboxStoreFile,
    ).toBe("/tmp/x.json");
  });
});
