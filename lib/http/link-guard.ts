// Cross-site refusal for the connect page's POSTs (issue 11 item 1): a start must come from
// Keyport's own page, never from a form on another site that auto-submits a link it holds.
import { AppError } from "@/lib/core/errors";

const refused = () =>
  new AppError(
    "forbidden",
    "This connect link was submitted from another site. Open the link yourself to continue.",
  );

/**
 * Throws 403 when the browser says the request came from another site (`Sec-Fetch-Site`), or when
 * an `Origin` is sent that is not Keyport's public origin. `Origin: null` is what browsers send
 * for a POST from our own page, whose `Referrer-Policy: no-referrer` (SECURITY.md 6) hides the
 * origin: it passes only when `Sec-Fetch-Site` says same-origin. Clients that send neither header
 * (old browsers, scripts) still meet the CSRF token check after this one.
 */
export function refuseCrossSite(headers: Headers, publicUrl: string): void {
  const site = headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") throw refused();
  const origin = headers.get("origin");
  if (origin === null) return;
  if (origin === "null" ? site !== "same-origin" : origin !== new URL(publicUrl).origin)
    throw refused();
}
