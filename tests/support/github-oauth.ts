// GitHub's OAuth web flow as a stand-in (https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps):
// /login/oauth/authorize shows an "Authorize" page for the signed-in user and redirects back with
// a one-time code; /login/oauth/access_token checks the client secret, the code, the redirect URI
// and the PKCE verifier (S256) and answers a non-expiring `gho_` token, as GitHub does for OAuth
// apps. Strict on purpose: a wrong secret, a replayed code or a bad verifier is refused.
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface GitHubOAuthStandIn {
  origin: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** Tokens issued so far, newest last. */
  tokens: string[];
  /** Token requests refused, with GitHub's error code. */
  refusals: string[];
  close(): Promise<void>;
}

interface Grant {
  redirectUri: string;
  challenge: string;
  scope: string;
}

const html = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorize application</title></head><body>${body}</body></html>`;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startGitHubOAuthStandIn(client: {
  clientId: string;
  clientSecret: string;
}): Promise<GitHubOAuthStandIn> {
  const grants = new Map<string, Grant>();
  const tokens: string[] = [];
  const refusals: string[] = [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      if (url.pathname === "/login/oauth/authorize") return authorize(url, req.method, form, res);
      if (url.pathname === "/login/oauth/access_token" && req.method === "POST")
        return token(form, res);
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: "Not Found" }));
    });
  });

  function authorize(
    url: URL,
    method: string | undefined,
    form: URLSearchParams,
    res: http.ServerResponse,
  ) {
    const q = method === "POST" ? form : url.searchParams;
    const redirectUri = q.get("redirect_uri") ?? "";
    if (q.get("client_id") !== client.clientId || !/^https?:\/\//.test(redirectUri)) {
      res.writeHead(400, { "content-type": "text/html" });
      return res.end(html("<h1>The redirect_uri or client_id is not valid</h1>"));
    }
    if (q.get("code_challenge_method") !== "S256" || !q.get("code_challenge")) {
      res.writeHead(400, { "content-type": "text/html" });
      return res.end(html("<h1>PKCE with S256 is required by this stand-in</h1>"));
    }
    if (method !== "POST") {
      // The consent page: the user approves with a button, as on github.com.
      const hidden = [...url.searchParams]
        .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
        .join("");
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(
        html(
          `<h1>Authorize Keyport</h1><p>Signed in as octocat. Scopes: ${escape(q.get("scope") ?? "")}</p>` +
            `<form method="post" action="/login/oauth/authorize">${hidden}<button type="submit">Authorize</button></form>`,
        ),
      );
    }
    const code = randomBytes(10).toString("hex");
    grants.set(code, {
      redirectUri,
      challenge: q.get("code_challenge")!,
      scope: q.get("scope") ?? "",
    });
    const back = new URL(redirectUri);
    back.searchParams.set("code", code);
    if (q.get("state")) back.searchParams.set("state", q.get("state")!);
    res.writeHead(302, { location: back.href });
    res.end();
  }

  function token(form: URLSearchParams, res: http.ServerResponse) {
    // GitHub answers 200 with an error body for refused exchanges.
    const refuse = (error: string) => {
      refusals.push(error);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ error, error_description: error.replace(/_/g, " ") }));
    };
    if (
      form.get("client_id") !== client.clientId ||
      form.get("client_secret") !== client.clientSecret
    )
      return refuse("incorrect_client_credentials");
    const code = form.get("code") ?? "";
    const grant = grants.get(code);
    grants.delete(code); // one use, whatever happens next
    if (!grant) return refuse("bad_verification_code");
    if (form.get("redirect_uri") && form.get("redirect_uri") !== grant.redirectUri)
      return refuse("redirect_uri_mismatch");
    const verifier = form.get("code_verifier") ?? "";
    if (createHash("sha256").update(verifier).digest("base64url") !== grant.challenge)
      return refuse("bad_verification_code");
    const accessToken = `gho_${randomBytes(18).toString("base64url")}`;
    tokens.push(accessToken);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({ access_token: accessToken, token_type: "bearer", scope: grant.scope }),
    );
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    authorizeUrl: `${origin}/login/oauth/authorize`,
    tokenUrl: `${origin}/login/oauth/access_token`,
    tokens,
    refusals,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
