import { EgressError } from "./errors";

function bad(message: string): EgressError {
  return new EgressError("bad_path", message);
}

// Backslashes, control characters and fragments anywhere; raw or encoded (%5c, %00–%1f, %7f).
const FORBIDDEN_ANYWHERE = /[\u0000-\u001f\u007f\\#]/;
const FORBIDDEN_ENCODED_IN_PATH = /%(5c|[01][0-9a-f]|7f)/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

// Fails if the dot segments (incl. %2e forms, which WHATWG URL also honours) climb above the start.
function assertNoClimb(path: string): void {
  let depth = 0;
  for (const raw of path.split("/").slice(1)) {
    const seg = raw.replace(/%2e/gi, ".");
    if (seg === "..") depth -= 1;
    else if (seg !== ".") depth += 1;
    if (depth < 0) throw bad("endpoint climbs above the API base path");
  }
}

// Joins a proxy endpoint (a path, optionally with a query) under an app's API base; never leaves its origin.
export function resolveApiPath(apiBase: string, endpoint: string): URL {
  let base: URL;
  try {
    base = new URL(apiBase);
  } catch {
    throw bad("invalid API base URL");
  }
  if (base.protocol !== "https:" && base.protocol !== "http:")
    throw bad("API base must be http(s)");
  if (FORBIDDEN_ANYWHERE.test(endpoint)) {
    throw bad("endpoint contains a backslash, control character or fragment");
  }
  if (HAS_SCHEME.test(endpoint)) throw bad("endpoint must be a path, not an absolute URL");
  if (endpoint.startsWith("//")) throw bad("endpoint must be a path, not a scheme-relative URL");
  const queryAt = endpoint.indexOf("?");
  const rawPath = queryAt < 0 ? endpoint : endpoint.slice(0, queryAt);
  const query = queryAt < 0 ? "" : endpoint.slice(queryAt);
  if (rawPath.includes("@")) throw bad("endpoint path must not contain '@'");
  if (FORBIDDEN_ENCODED_IN_PATH.test(rawPath)) {
    throw bad("endpoint path contains an encoded backslash or control character");
  }
  const path = rawPath.startsWith("/") ? rawPath : `/${rawPath}`;
  assertNoClimb(path);

  const basePath = base.pathname.replace(/\/+$/, "");
  const url = new URL(`${base.origin}${basePath}${path}${query}`);
  const inside = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
  if (url.origin !== base.origin || !inside) throw bad("endpoint leaves the API base");
  return url;
}
