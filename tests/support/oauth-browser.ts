// A browser stand-in for integration tests: a cookie jar plus manual redirects. It walks a
// provider's authorize URL through the sandbox's login and consent pages and stops at the first
// redirect that leaves the provider (the client's redirect URI) WITHOUT requesting it, so the
// test decides what Keyport's callback receives. Also small helpers for the sandbox test hooks.
import { beginAuthorization, completeCallback } from "@/lib/core/connect-flow";
import { systemActor, type Deps } from "@/lib/core/deps";
import { initiateConnection } from "@/lib/core/initiate";
import { openLink } from "@/lib/core/link-context";
import { randomToken } from "@/lib/crypto";
import { SANDBOX_BROWSER_PREFIX } from "@/lib/sandbox/paths";

export interface AuthorizeOptions {
  /** Sandbox username (it becomes the `sub`); default "alice". */
  username?: string;
  /** Sandbox password; default "sandbox". */
  password?: string;
  /** What the user clicks on the consent page; default "allow". */
  decision?: "allow" | "deny";
}

interface Step {
  /** HTML of the page reached (when the chain ended on a page). */
  page?: string;
  pageUrl?: URL;
  status?: number;
  /** The redirect target outside the provider (not requested). */
  callback?: URL;
}

const MAX_HOPS = 15;

/**
 * One browser: cookies for the provider, which is an origin (the sandbox on its own port) or an
 * origin and a path prefix (the sandbox's pages as Keyport serves them, under /sandbox: the
 * client's callback is then on the same origin, and still outside the provider).
 */
export class OAuthBrowser {
  private readonly jar = new Map<string, string>();
  private readonly origin: string;
  private readonly prefix: string;

  constructor(provider: string) {
    const base = new URL(provider);
    this.origin = base.origin;
    this.prefix = base.pathname.replace(/\/$/, "");
  }

  /** Whether a URL is the provider's (else it is where the provider sends the browser back to). */
  inside(url: URL): boolean {
    if (url.origin !== this.origin) return false;
    return (
      !this.prefix || url.pathname === this.prefix || url.pathname.startsWith(`${this.prefix}/`)
    );
  }

  async request(url: URL, init: RequestInit = {}): Promise<Response> {
    if (!this.inside(url))
      throw new Error(`refusing to leave the provider: ${url.origin}${url.pathname}`);
    const headers = new Headers(init.headers);
    if (this.jar.size) {
      headers.set("cookie", [...this.jar].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some(
        (a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\s*$/i.test(a),
      );
      if (!value || expired) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  /** Follows redirects within the provider; returns the page reached or the off-provider target. */
  async go(start: URL, init?: RequestInit): Promise<Step> {
    let url = start;
    let res = await this.request(url, init);
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location) {
        return { page: await res.text(), pageUrl: url, status: res.status };
      }
      await res.body?.cancel();
      url = new URL(location, url);
      if (!this.inside(url)) return { callback: url };
      res = await this.request(url);
    }
    throw new Error("too many redirects at the provider");
  }

  /** Submits the page's first form with the given fields. */
  async submit(from: Step, fields: Record<string, string>): Promise<Step> {
    const action = /<form[^>]*action="([^"]+)"/.exec(from.page ?? "")?.[1];
    if (!action || !from.pageUrl) throw new Error(`no form on the page: ${describe(from)}`);
    return this.go(new URL(action.replaceAll("&amp;", "&"), from.pageUrl), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

function describe(step: Step): string {
  if (step.callback) return `redirect to ${step.callback.origin}${step.callback.pathname}`;
  const text = (step.page ?? "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return `HTTP ${step.status ?? "?"} at ${step.pageUrl?.pathname ?? "?"}: ${text.slice(0, 300)}`;
}

/**
 * Plays the end user at the provider: opens the authorize URL in a fresh browser, signs in,
 * answers the consent page, and returns the URL the provider redirects back to (the client's
 * callback with code/state/iss or error). The callback itself is never requested.
 */
export async function authorizeAtProvider(
  authorizeUrl: string | URL,
  opts: AuthorizeOptions = {},
): Promise<URL> {
  const start = new URL(authorizeUrl);
  const served = start.pathname.startsWith(`${SANDBOX_BROWSER_PREFIX}/`);
  const browser = new OAuthBrowser(`${start.origin}${served ? SANDBOX_BROWSER_PREFIX : ""}`);
  const login = await browser.go(start);
  if (login.callback) return login.callback; // the provider answered with an error redirect
  if (!/<button[^>]*>Sign in<\/button>/.test(login.page ?? "")) {
    throw new Error(`expected the sign-in page, got ${describe(login)}`);
  }
  const consent = await browser.submit(login, {
    username: opts.username ?? "alice",
    password: opts.password ?? "sandbox",
  });
  if (consent.callback) return consent.callback;
  if (!/<button[^>]*>Allow<\/button>/.test(consent.page ?? "")) {
    throw new Error(`expected the consent page, got ${describe(consent)}`);
  }
  const done = await browser.submit(consent, { decision: opts.decision ?? "allow" });
  if (!done.callback) throw new Error(`expected a redirect to the client, got ${describe(done)}`);
  return done.callback;
}

export interface SandboxStats {
  token_requests: { authorization_code: number; refresh_token: number };
  revocations: number;
}

/** The sandbox's request counters (GET /__sandbox/stats). */
export async function sandboxStats(issuer: string): Promise<SandboxStats> {
  const res = await fetch(`${issuer}/__sandbox/stats`);
  if (!res.ok) throw new Error(`sandbox stats: HTTP ${res.status}`);
  return (await res.json()) as SandboxStats;
}

export interface Introspection {
  active: boolean;
  sub?: string;
  client_id?: string;
  scope?: string;
  token_type?: string;
  [key: string]: unknown;
}

/** RFC 7662 introspection at the sandbox with client_secret_basic (own tokens only). */
export async function introspectAtSandbox(
  issuer: string,
  client: { clientId: string; clientSecret: string },
  token: string,
): Promise<Introspection> {
  const basic = Buffer.from(
    `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`,
  ).toString("base64");
  const res = await fetch(`${issuer}/token/introspection`, {
    method: "POST",
    headers: {
      authorization: `Basic ${basic}`,
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    },
    body: new URLSearchParams({ token }).toString(),
  });
  if (!res.ok) throw new Error(`introspection: HTTP ${res.status}`);
  return (await res.json()) as Introspection;
}

/**
 * The whole connect flow through Keyport's core against the sandbox: initiate, open the link,
 * authorize as `username`, complete the callback. Returns the new connection's id.
 */
export async function connectAtSandbox(
  deps: Deps,
  input: { projectId: string; userId: string; integrationId: string; username: string },
): Promise<string> {
  const { connection, link } = await initiateConnection(deps, {
    projectId: input.projectId,
    userId: input.userId,
    integrationId: input.integrationId,
    actor: systemActor,
  });
  const ctx = await openLink(deps, link!.token);
  const binding = randomToken(16);
  const callback = await authorizeAtProvider(await beginAuthorization(deps, ctx, binding), {
    username: input.username,
  });
  await completeCallback(deps, callback.searchParams, binding);
  return connection.id;
}
