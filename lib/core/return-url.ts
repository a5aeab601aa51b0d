// The "send the user back to the app" URL (SECURITY.md 5): exact origin match against the project's allow-list.

/** Whether an origin may be put on an allow-list: https, or http on localhost / 127.0.0.1. */
export function isAllowableOrigin(origin: string): boolean {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  if (u.origin !== origin) return false;
  if (u.protocol === "https:") return true;
  return u.protocol === "http:" && (u.hostname === "localhost" || u.hostname === "127.0.0.1");
}

/** The URL if it is safe to redirect to under this allow-list, else null. */
export function checkReturnUrl(raw: string, allowedOrigins: readonly string[]): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return null;
  // No control characters, whitespace or backslashes anywhere: browsers and parsers disagree on them.
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(raw)) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.username || u.password) return null;
  if (u.protocol !== "https:" && u.protocol !== "http:") return null;
  if (!isAllowableOrigin(u.origin)) return null;
  if (!allowedOrigins.includes(u.origin)) return null;
  return u.toString();
}

/** Append the outcome to a return URL. */
export function withOutcome(returnUrl: string, params: Record<string, string>): string {
  const u = new URL(returnUrl);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}
