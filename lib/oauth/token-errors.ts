// What a token endpoint's refusal means (SECURITY.md 8, 10). Any body with an OAuth `error` member
// is a refusal whatever the HTTP status: GitHub answers a bad refresh token with HTTP 200
// {"error":"bad_refresh_token"}. The provider's own words travel to the stored reason and to the
// caller; known secrets are cut out of them first.
import * as oauth from "oauth4webapi";
import { findEgressError } from "@/lib/egress";

/** A token endpoint answered with an OAuth `error` member (any HTTP status). */
export class TokenEndpointError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly errorDescription?: string,
  ) {
    // Not the provider's text: it may echo a secret, and a message may be logged.
    super(`The token endpoint answered HTTP ${status} with an OAuth error`);
    this.name = "TokenEndpointError";
  }
}

/**
 * What a failed token request means for the connection:
 * `grant` — the provider refused this grant for good (EXPIRED, the end user reconnects);
 * `client` — it refused the integration's client credentials (the operator fixes the integration);
 * `transient` — network, 5xx or 429 without a definitive code: try again later.
 */
export type TokenFailureKind = "grant" | "client" | "transient";

/** `incorrect_client_credentials` is GitHub's spelling of invalid_client. */
const CLIENT_FAULTS = new Set([
  "invalid_client",
  "unauthorized_client",
  "incorrect_client_credentials",
]);
/** RFC 6749 §5.2 and GitHub codes that no retry can change. */
const DEFINITIVE = new Set([
  "invalid_grant",
  "bad_refresh_token",
  "unsupported_grant_type",
  "invalid_scope",
  "access_denied",
  "invalid_request",
  "bad_verification_code",
  "expired_token",
]);
/** Codes a server uses to say it is the one in trouble. */
const TRANSIENT = new Set(["server_error", "temporarily_unavailable", "slow_down"]);

/** Longest provider text kept in a reason. */
const MAX_TEXT = 300;
/** Longest provider text held before secrets are cut out (well above MAX_TEXT, so no secret is split). */
const MAX_HELD = 4_000;

/** Provider text made safe for a reason line: no control characters, no known secret, bounded. */
function clean(text: string, secrets: readonly string[], max = MAX_TEXT): string {
  let out = text
    .slice(0, MAX_HELD)
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ")
    .trim();
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join("[redacted]");
  return out.length > max ? `${out.slice(0, max)}…` : out;
}

/** The OAuth error a token endpoint's response carries, if any; the response stays readable. */
export async function errorInResponse(res: Response): Promise<TokenEndpointError | null> {
  let text: string;
  try {
    text = await res.clone().text();
  } catch {
    return null;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // GitHub without `Accept: application/json` answers form-encoded, errors included.
    if (!/application\/x-www-form-urlencoded/i.test(res.headers.get("content-type") ?? "")) {
      return null;
    }
    body = Object.fromEntries(new URLSearchParams(text));
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
  const { error, error_description: description } = body as Record<string, unknown>;
  if (typeof error !== "string" || !error.trim()) return null;
  // Kept long here: secrets are cut out (and the text shortened) when it becomes a reason.
  return new TokenEndpointError(
    res.status,
    clean(error, [], MAX_HELD),
    typeof description === "string" && description.trim()
      ? clean(description, [], MAX_HELD)
      : undefined,
  );
}

/** Throws TokenEndpointError when the response carries an OAuth `error`, before oauth4webapi reads it. */
export async function throwOnErrorBody(res: Response): Promise<Response> {
  const err = await errorInResponse(res);
  if (err) {
    await res.body?.cancel().catch(() => {});
    throw err;
  }
  return res;
}

function oauthError(err: unknown): { status: number; error: string; description?: string } | null {
  if (err instanceof TokenEndpointError) {
    return { status: err.status, error: err.error, description: err.errorDescription };
  }
  if (err instanceof oauth.ResponseBodyError) {
    return { status: err.status, error: err.error, description: err.error_description };
  }
  return null;
}

/** What a failed token request means; see TokenFailureKind. */
export function tokenFailureKind(err: unknown): TokenFailureKind {
  const e = oauthError(err);
  if (!e) return "transient";
  if (CLIENT_FAULTS.has(e.error)) return "client";
  if (TRANSIENT.has(e.error)) return "transient";
  if (DEFINITIVE.has(e.error)) return "grant";
  // A code we do not know is still a refusal, unless the server says it is in trouble.
  return e.status >= 500 || e.status === 429 ? "transient" : "grant";
}

/** The provider's `error` and `error_description`, e.g. `bad_refresh_token (The refresh token …)`. */
export function providerWords(err: unknown, secrets: readonly string[] = []): string | null {
  const e = oauthError(err);
  if (!e) return null;
  const description = e.description ? clean(e.description, secrets) : "";
  return `${clean(e.error, secrets)}${description ? ` (${description})` : ""}`;
}

/** Why a token request failed, readable and without secrets (`secrets`: values to cut out). */
export function tokenErrorReason(err: unknown, secrets: readonly string[] = []): string {
  const words = providerWords(err, secrets);
  if (words) {
    return tokenFailureKind(err) === "transient"
      ? `The provider answered the token request with HTTP ${oauthError(err)!.status}: ${words}`
      : `The provider refused the token request: ${words}`;
  }
  const egress = findEgressError(err);
  if (egress) return `Could not reach the provider: ${egress.message}`;
  // oauth4webapi's "not a conform response" or "not JSON" hides what matters: the HTTP status.
  if (err instanceof oauth.OperationProcessingError && err.cause instanceof Response) {
    const { status } = err.cause;
    return status === 200
      ? "The provider answered the token request with something that is not a token response"
      : `The provider answered the token request with HTTP ${status}`;
  }
  return `The token request failed: ${clean(err instanceof Error ? err.message : String(err), secrets)}`;
}
