// The connect page's CSRF token (issue 11 item 1). The link token alone cannot authorize a start:
// whoever holds a link (an attacker, for their own entity) can read the page. The token is bound
// to the browser-binding cookie too, which a cross-site form cannot make the victim's browser send
// (SameSite=Lax) and whose value it cannot read (HttpOnly). No table: an HMAC over both values.
import crypto from "node:crypto";
import { deriveSecret, keyedHash, safeEqual } from "@/lib/crypto";
import type { Deps } from "./deps";
import { AppError } from "./errors";

const secretOf = (pepper: string) => deriveSecret(pepper, "link-csrf");

/** The token the link page renders for this link in this browser. */
export function linkCsrfToken(deps: Pick<Deps, "pepper">, linkToken: string, binding: string) {
  const linkHash = keyedHash(deps.pepper, linkToken);
  return crypto
    .createHmac("sha256", secretOf(deps.pepper))
    .update(`${linkHash}\n${binding}`)
    .digest("base64url");
}

/** Refuse (403) unless `csrf` is this link's token for this browser; compared in constant time. */
export function checkLinkCsrf(
  deps: Pick<Deps, "pepper">,
  linkToken: string,
  binding: string | undefined,
  csrf: unknown,
): void {
  const ok =
    typeof binding === "string" &&
    binding.length > 0 &&
    typeof csrf === "string" &&
    safeEqual(csrf, linkCsrfToken(deps, linkToken, binding));
  if (!ok) {
    throw new AppError(
      "forbidden",
      "This request did not come from the connect page in this browser. Open the connect link again.",
    );
  }
}
