// OAuth 2.0 client operations, done by oauth4webapi over the egress guard (SECURITY.md 1–8, 23).
import * as oauth from "oauth4webapi";
import { egressFetchFn, type EgressPolicy } from "@/lib/egress";
import type { OAuth2Settings } from "@/lib/catalog/types";
import { throwOnErrorBody } from "./token-errors";

export interface ServerPins {
  /** Set only when the server advertises RFC 9207: then `iss` is required and compared exactly. */
  issuer: string | null;
  /** Not needed (and not pinned) at the callback. */
  authorizationEndpoint?: string;
  tokenEndpoint: string;
  revocationEndpoint?: string;
}

export interface ClientConfig {
  clientId: string;
  clientSecret: string;
  authMethod: OAuth2Settings["tokenAuthMethod"];
}

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  tokenType: string;
  expiresIn?: number;
  scope?: string;
  idToken?: string;
  raw: Record<string, unknown>;
}

const discoveryCache = new Map<string, Promise<oauth.AuthorizationServer>>();

function options(policy: EgressPolicy, url: string) {
  return {
    [oauth.customFetch]: egressFetchFn(policy),
    // Plain http only reaches loopback (dev sandbox); the egress guard refuses it anywhere else.
    [oauth.allowInsecureRequests]: new URL(url).protocol === "http:",
    signal: AbortSignal.timeout(15_000),
  };
}

/** RFC 8414 / OIDC discovery of an issuer (cached per process). */
export function discover(issuer: string, policy: EgressPolicy): Promise<oauth.AuthorizationServer> {
  let hit = discoveryCache.get(issuer);
  if (!hit) {
    hit = (async () => {
      const url = new URL(issuer);
      const res = await oauth.discoveryRequest(url, {
        ...options(policy, issuer),
        algorithm: "oidc",
      });
      return oauth.processDiscoveryResponse(url, res);
    })();
    hit.catch(() => discoveryCache.delete(issuer));
    discoveryCache.set(issuer, hit);
  }
  return hit;
}

/** The endpoints a flow pins at its start. */
export async function resolvePins(
  settings: { issuer?: string; authorizeUrl: string; tokenUrl: string; revokeUrl?: string },
  policy: EgressPolicy,
): Promise<ServerPins> {
  if (settings.issuer) {
    const as = await discover(settings.issuer, policy);
    return {
      issuer: as.authorization_response_iss_parameter_supported ? as.issuer : null,
      authorizationEndpoint: as.authorization_endpoint ?? settings.authorizeUrl,
      tokenEndpoint: as.token_endpoint ?? settings.tokenUrl,
      revocationEndpoint: as.revocation_endpoint ?? settings.revokeUrl,
    };
  }
  return {
    issuer: null,
    authorizationEndpoint: settings.authorizeUrl,
    tokenEndpoint: settings.tokenUrl,
    revocationEndpoint: settings.revokeUrl,
  };
}

function asOf(pins: ServerPins): oauth.AuthorizationServer {
  return {
    issuer: pins.issuer ?? new URL(pins.tokenEndpoint).origin,
    authorization_endpoint: pins.authorizationEndpoint,
    token_endpoint: pins.tokenEndpoint,
    revocation_endpoint: pins.revocationEndpoint,
    authorization_response_iss_parameter_supported: pins.issuer !== null,
  };
}

function clientAuth(c: ClientConfig): oauth.ClientAuth {
  return c.authMethod === "client_secret_post"
    ? oauth.ClientSecretPost(c.clientSecret)
    : oauth.ClientSecretBasic(c.clientSecret);
}

/** A fresh PKCE verifier (43+ chars) and its S256 challenge, plus a 256-bit state. */
export async function newFlowSecrets(): Promise<{
  verifier: string;
  challenge: string;
  state: string;
}> {
  const verifier = oauth.generateRandomCodeVerifier();
  return {
    verifier,
    challenge: await oauth.calculatePKCECodeChallenge(verifier),
    state: oauth.generateRandomState(),
  };
}

/** Validate the callback parameters (state, `iss` when pinned, `error`). Throws AuthorizationResponseError on `error`. */
export function validateCallback(
  pins: ServerPins,
  clientId: string,
  params: URLSearchParams,
  state: string,
): URLSearchParams {
  // A server that does not advertise RFC 9207 may still send `iss` (Google does); with no issuer
  // pinned there is nothing to compare it to, so it is ignored (RFC 9207 §2.4 leaves this to policy).
  const checked = new URLSearchParams(params);
  if (pins.issuer === null) checked.delete("iss");
  return oauth.validateAuthResponse(asOf(pins), { client_id: clientId }, checked, state);
}

function toTokenSet(r: oauth.TokenEndpointResponse): TokenSet {
  const expires = (r as { expires_in?: unknown }).expires_in;
  const expiresIn =
    typeof expires === "number"
      ? expires
      : typeof expires === "string" && /^\d+$/.test(expires)
        ? Number(expires)
        : undefined;
  return {
    accessToken: r.access_token,
    refreshToken: r.refresh_token,
    tokenType: r.token_type,
    expiresIn,
    scope: r.scope,
    idToken: r.id_token,
    raw: r,
  };
}

/**
 * Exchange the code (with the PKCE verifier and the identical redirect URI) for tokens. Throws
 * TokenEndpointError when the answer carries an OAuth `error`, whatever its status (SECURITY.md 8).
 */
export async function exchangeCode(input: {
  pins: ServerPins;
  client: ClientConfig;
  callbackParams: URLSearchParams;
  redirectUri: string;
  verifier: string | null;
  policy: EgressPolicy;
}): Promise<TokenSet> {
  const as = asOf(input.pins);
  const client = { client_id: input.client.clientId };
  const res = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    clientAuth(input.client),
    input.callbackParams,
    input.redirectUri,
    input.verifier ?? oauth.nopkce,
    options(input.policy, input.pins.tokenEndpoint),
  );
  return toTokenSet(
    await oauth.processAuthorizationCodeResponse(as, client, await throwOnErrorBody(res)),
  );
}

/** Use a refresh token. Throws TokenEndpointError when the answer carries an OAuth `error`, whatever its status. */
export async function refreshTokens(input: {
  pins: ServerPins;
  client: ClientConfig;
  refreshToken: string;
  policy: EgressPolicy;
}): Promise<TokenSet> {
  const as = asOf(input.pins);
  const client = { client_id: input.client.clientId };
  const res = await oauth.refreshTokenGrantRequest(
    as,
    client,
    clientAuth(input.client),
    input.refreshToken,
    options(input.policy, input.pins.tokenEndpoint),
  );
  return toTokenSet(
    await oauth.processRefreshTokenResponse(as, client, await throwOnErrorBody(res)),
  );
}

/** RFC 7009 revocation of one token. */
export async function revokeToken(input: {
  pins: ServerPins;
  client: ClientConfig;
  token: string;
  hint: "access_token" | "refresh_token";
  policy: EgressPolicy;
}): Promise<void> {
  const as = asOf(input.pins);
  const client = { client_id: input.client.clientId };
  const res = await oauth.revocationRequest(as, client, clientAuth(input.client), input.token, {
    ...options(input.policy, input.pins.revocationEndpoint ?? input.pins.tokenEndpoint),
    additionalParameters: { token_type_hint: input.hint },
  });
  await oauth.processRevocationResponse(res);
}

export { oauth };
