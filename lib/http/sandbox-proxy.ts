// The sandbox's browser pages (authorize, sign-in, consent) served through Keyport's own origin
// under /sandbox, so an end user's browser on another machine never has to reach the sandbox's
// 127.0.0.1 port. Only those pages pass; the token endpoint, the notes API and the test hooks
// stay private to the machine. Redirects and cookie paths are moved under the prefix.
import { SANDBOX_BROWSER_PREFIX as SANDBOX_PREFIX } from "@/lib/sandbox/paths";

const BODY_LIMIT = 16 * 1024;

// authorize, its resume step, and the interaction pages and their two forms.
const BROWSER_PATH =
  /^\/(?:auth|auth\/[\w-]{1,100}|interaction\/[\w-]{1,100}(?:\/(?:login|consent))?)$/;
// Request headers the sandbox needs; everything else (Keyport's session cookie included) stays here.
const REQUEST_HEADERS = ["accept", "accept-language", "content-type", "user-agent"];
const RESPONSE_HEADERS = [
  "content-type",
  "cache-control",
  "content-security-policy",
  "referrer-policy",
  "x-frame-options",
  "x-content-type-options",
];
// oidc-provider's cookies (and their .sig and .legacy twins).
const SANDBOX_COOKIE = /^_(?:interaction|interaction_resume|session)(?:\.|$)/;

/** The sandbox path a /sandbox/... path stands for, or null when it is not a browser page. */
export function sandboxPathOf(pathname: string): string | null {
  if (!pathname.startsWith(`${SANDBOX_PREFIX}/`)) return null;
  const inner = pathname.slice(SANDBOX_PREFIX.length);
  return BROWSER_PATH.test(inner) ? inner : null;
}

/** A redirect of the sandbox's, as the browser must see it (its own pages move under /sandbox). */
export function publicLocation(location: string, sandboxOrigin: string): string {
  if (location.startsWith(`${sandboxOrigin}/`)) {
    return SANDBOX_PREFIX + location.slice(sandboxOrigin.length);
  }
  if (location.startsWith("/") && !location.startsWith("//")) return SANDBOX_PREFIX + location;
  return location; // elsewhere: the client's redirect URI (Keyport's callback)
}

/** A Set-Cookie of the sandbox's with its path moved under /sandbox. */
export function publicCookie(setCookie: string): string {
  const moved = setCookie.replace(
    /(;\s*path=)(\/[^;]*)/i,
    (_m, attr: string, path: string) => `${attr}${SANDBOX_PREFIX}${path === "/" ? "" : path}`,
  );
  return /;\s*path=/i.test(moved) ? moved : `${moved}; path=${SANDBOX_PREFIX}`;
}

/** Only the sandbox's own cookies from the browser's Cookie header. */
export function sandboxCookies(cookieHeader: string | null): string | undefined {
  if (!cookieHeader) return undefined;
  const kept = cookieHeader
    .split(";")
    .map((c) => c.trim())
    .filter((c) => SANDBOX_COOKIE.test(c.slice(0, Math.max(0, c.indexOf("=")))));
  return kept.length ? kept.join("; ") : undefined;
}

function plain(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

/** Forward one browser request to the sandbox and translate its answer. */
export async function proxyToSandbox(
  req: Request,
  sandboxOrigin: string | undefined,
): Promise<Response> {
  const url = new URL(req.url);
  const path = sandboxPathOf(url.pathname);
  if (!sandboxOrigin || !path) return plain(404, "Not found");
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > BODY_LIMIT) return plain(413, "The form submission is too large");
  const headers = new Headers({ "x-forwarded-prefix": SANDBOX_PREFIX });
  for (const name of REQUEST_HEADERS) {
    const value = req.headers.get(name);
    if (value) headers.set(name, value);
  }
  const cookie = sandboxCookies(req.headers.get("cookie"));
  if (cookie) headers.set("cookie", cookie);
  let body: ArrayBuffer | undefined;
  if (req.method === "POST") {
    body = await req.arrayBuffer();
    if (body.byteLength > BODY_LIMIT) return plain(413, "The form submission is too large");
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${sandboxOrigin}${path}${url.search}`, {
      method: req.method,
      headers,
      body,
      redirect: "manual",
    });
  } catch {
    return plain(502, "The sandbox is not answering");
  }
  const out = new Headers();
  for (const name of RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) out.set(name, value);
  }
  const location = upstream.headers.get("location");
  if (location) out.set("location", publicLocation(location, sandboxOrigin));
  for (const c of upstream.headers.getSetCookie()) out.append("set-cookie", publicCookie(c));
  const payload = req.method === "HEAD" ? null : await upstream.arrayBuffer();
  return new Response(payload, { status: upstream.status, headers: out });
}
