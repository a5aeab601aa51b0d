// Project settings rules: return origins, connect-page logo URL and accent colour (one place).
import { isAllowableOrigin } from "./return-url";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);
// Control characters, whitespace and backslashes are refused before parsing: WHATWG URL
// parsing silently strips or rewrites them, which would hide what the admin typed.
const FORBIDDEN = /[\u0000-\u0020\u007f-\u009f\\]/;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** One exact origin: https (http only for localhost / 127.0.0.1), no userinfo, path, query or fragment. */
export function parseOrigin(raw: string): Parsed<string> {
  const text = raw.trim();
  const bad = (why: string): Parsed<string> => ({ ok: false, error: `"${text}" ${why}` });
  if (FORBIDDEN.test(text)) return bad("contains spaces, control characters or backslashes");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad("is not a URL (write it like https://app.example.com)");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return bad("must start with https://");
  if (!text.toLowerCase().startsWith(`${url.protocol}//`)) return bad("must start with https://");
  if (url.protocol === "http:" && !LOCAL_HOSTS.has(url.hostname)) {
    return bad("must use https (http is allowed only for localhost and 127.0.0.1)");
  }
  if (url.username || url.password || text.slice(url.protocol.length).includes("@")) {
    return bad("must not contain a user name or password");
  }
  if (url.search || url.hash || text.includes("?") || text.includes("#")) {
    return bad("must not contain a query or fragment");
  }
  // Only "https://host[:port]" or the same with one trailing slash is an origin.
  const authority = text.slice(url.protocol.length + 2).replace(/\/$/, "");
  if (authority.includes("/") || url.pathname !== "/") {
    return bad("must be an origin only, without a path (for example https://app.example.com)");
  }
  // The same rule the connect flow applies when it checks a return URL.
  if (!isAllowableOrigin(url.origin)) return bad("is not an allowed origin");
  return { ok: true, value: url.origin };
}

/** A textarea of origins, one per line (blank lines ignored, duplicates dropped). */
export function parseOriginList(text: string): Parsed<string[]> {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > 50) return { ok: false, error: "At most 50 return origins are allowed" };
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    const parsed = parseOrigin(line);
    if (!parsed.ok)
      return { ok: false, error: `Allowed return origins, line ${i + 1}: ${parsed.error}` };
    if (!out.includes(parsed.value)) out.push(parsed.value);
  }
  return { ok: true, value: out };
}

/** An https logo URL, or null when empty. */
export function parseLogoUrl(raw: string): Parsed<string | null> {
  const text = raw.trim();
  if (!text) return { ok: true, value: null };
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== "https:" || FORBIDDEN.test(text) || url.username || url.password) {
    return { ok: false, error: "Logo URL must be an https:// address of an image" };
  }
  return { ok: true, value: url.href };
}

/** A #rrggbb colour (lower-cased), or null when empty. */
export function parseAccent(raw: string): Parsed<string | null> {
  const text = raw.trim();
  if (!text) return { ok: true, value: null };
  if (!/^#[0-9a-fA-F]{6}$/.test(text)) {
    return { ok: false, error: "Accent colour must look like #2f6fed (# and six hex digits)" };
  }
  return { ok: true, value: text.toLowerCase() };
}
