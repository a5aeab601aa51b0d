// The OAuth 2.0 authorization request URL (RFC 6749 4.1.1, RFC 7636), built from an app's settings:
// one pure function, so every app's URL can be checked against its docs without a database.
import type { OAuth2Settings } from "@/lib/catalog/types";

/**
 * Authorize parameters that make the provider show its consent page, naming the app and the
 * account, on every connect: a provider session or an earlier approval is never reused silently,
 * so the end user sees which account is being connected before Keyport activates anything
 * (issue 11 item 1; the attack it closes sent a signed-in victim straight back).
 */
export const reconsentParams = (s: OAuth2Settings): Record<string, string> =>
  s.reconsentParams ?? { prompt: "consent" };

export interface AuthorizeRequest {
  /** The provider's authorization endpoint, templates already filled (or discovered). */
  endpoint: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  /** The S256 code challenge; sent only when the app uses PKCE. */
  challenge: string;
}

/** The URL the end user's browser is sent to. */
export function authorizeUrl(s: OAuth2Settings, request: AuthorizeRequest): string {
  const url = new URL(request.endpoint);
  const scopes = request.scopes.join(s.scopeSeparator);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", request.clientId);
  url.searchParams.set("redirect_uri", request.redirectUri);
  if (scopes && !s.noScopes) url.searchParams.set(s.userScopeParam ?? "scope", scopes);
  url.searchParams.set("state", request.state);
  if (s.pkce) {
    url.searchParams.set("code_challenge", request.challenge);
    url.searchParams.set("code_challenge_method", "S256");
  }
  for (const [k, v] of Object.entries(s.authorizeParams ?? {})) url.searchParams.set(k, v);
  for (const [k, v] of Object.entries(reconsentParams(s))) url.searchParams.set(k, v);
  return url.toString();
}
