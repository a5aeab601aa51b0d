// Cross-site refusal for the connect page's POSTs (issue 11 item 1): a start must come from
// Keyport's own page, never from a form on another site that auto-submits a link it holds.
import { AppError } from "@/lib/core/errors";

/**
 * Throws 403 when the browser says the request came from another site (`Sec-Fetch-Site`), or when
 * an `Origin` is sent that is not Keyport's public origin (`null` included). Clients that send
 * neither header (old browsers, scripts) still meet the CSRF token check after this one.
 */
export function refuseCrossSite(headers: Headers, publicUrl: string): void {
  const site = headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") {
    throw new AppError(
      "forbidden",
      "This connect link was submitted from another site. Open the link yourself to continue.",
    );
  }
  const origin = headers.get("origin");
  if (origin !== null && origin !== new URL(publicUrl).origin) {
    throw new AppError(
      "forbidden",
      "This connect link was submitted from another site. Open the link yourself to continue.",
    );
  }
}
