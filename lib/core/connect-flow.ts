// The OAuth 2.0 connect flow: start at the link page, finish at the one callback (SECURITY.md 1–8).
import { bindings } from "./bindings";
import { keyedHash } from "@/lib/crypto";
import {
  exchangeCode,
  newFlowSecrets,
  oauth,
  resolvePins,
  validateCallback,
  type ServerPins,
} from "@/lib/oauth/oauth2";
import { tokenErrorReason } from "@/lib/oauth/token-errors";
import { authorizeUrl } from "./authorize-url";
import { redirectUriOf } from "./flow-urls";
import { fillUrl } from "./apps";
import type { Deps } from "./deps";
import { AppError } from "./errors";
import { openFlow, parkFlow } from "./flow-callback";
import { integrationSecrets } from "./integrations";
import type { LinkContext } from "./link-context";
import { completeOAuth1, beginOAuth1 } from "./oauth1-flow";
import { unseal } from "./sealed";
import { policyFor } from "./upstream";

export { reconsentParams } from "./authorize-url";

/** Start authorization for the link's connection; returns the provider URL to redirect to. */
export async function beginAuthorization(
  deps: Deps,
  ctx: LinkContext,
  bindingToken: string,
): Promise<string> {
  if (ctx.scheme.mode === "OAUTH1") return beginOAuth1(deps, ctx, bindingToken);
  if (ctx.scheme.mode !== "OAUTH2" || !ctx.scheme.oauth2)
    throw new AppError("bad_request", "This app does not use OAuth");
  const s = ctx.scheme.oauth2;
  const params = ctx.connection.connectionParams;
  const policy = policyFor(deps, ctx.app);
  const pins = await resolvePins(
    {
      issuer: s.issuer,
      authorizeUrl: ctx.integration.authorizeUrl ?? fillUrl(s.authorizeUrl, ctx.app, params),
      tokenUrl: ctx.integration.tokenUrl ?? fillUrl(s.tokenUrl, ctx.app, params),
      revokeUrl: s.revokeUrl,
    },
    policy,
  );
  const { verifier, challenge, state } = await newFlowSecrets();
  await parkFlow(deps, ctx, bindingToken, {
    stateHash: keyedHash(deps.pepper, state),
    issuer: pins.issuer,
    tokenEndpoint: pins.tokenEndpoint,
    redirectUri: redirectUriOf(deps),
    secrets: s.pkce ? { verifier } : {},
  });
  return authorizeUrl(s, {
    endpoint: pins.authorizationEndpoint ?? s.authorizeUrl,
    clientId: ctx.integration.clientId ?? "",
    redirectUri: redirectUriOf(deps),
    scopes: ctx.integration.scopes,
    state,
    challenge,
  });
}

/** Finish a flow at the callback. Returns where to send the browser; throws AppError when refused (nothing stored). */
export async function completeCallback(
  deps: Deps,
  query: URLSearchParams,
  bindingToken: string | undefined,
): Promise<string> {
  if (query.has("oauth_token") || query.has("denied"))
    return completeOAuth1(deps, query, bindingToken);
  const state = query.get("state");
  if (!state || state.length > 200)
    throw new AppError("bad_request", "The callback has no valid state.");
  const { flow, conn, integration, app, scheme, fail, succeed } = await openFlow(
    deps,
    keyedHash(deps.pepper, state),
    bindingToken,
  );
  // The callback uses only what the flow pinned at its start (SECURITY.md 3).
  const pins: ServerPins = { issuer: flow.issuer, tokenEndpoint: flow.tokenEndpoint };
  const clientId = integration.clientId ?? "";
  let callbackParams: URLSearchParams;
  try {
    callbackParams = validateCallback(pins, clientId, query, state);
  } catch (err) {
    if (err instanceof oauth.AuthorizationResponseError) {
      const desc =
        err.error === "access_denied"
          ? "The user denied access"
          : `The provider answered ${err.error}`;
      return fail(
        `${desc}${err.error_description && err.error !== "access_denied" ? `: ${err.error_description}` : ""}`,
        err.error,
      );
    }
    // iss missing or wrong, malformed response: refuse, store nothing.
    throw new AppError("bad_request", `The callback was refused: ${(err as Error).message}`);
  }
  let tokens;
  try {
    const verifier = flow.verifierEnc
      ? (unseal(deps, bindings.flowVerifier(flow.stateHash), flow.verifierEnc).verifier ?? null)
      : null;
    tokens = await exchangeCode({
      pins,
      client: {
        clientId,
        clientSecret: integrationSecrets(deps, integration).client_secret ?? "",
        authMethod: scheme.oauth2!.tokenAuthMethod,
      },
      callbackParams,
      redirectUri: flow.redirectUri,
      verifier,
      policy: policyFor(deps, app),
    });
  } catch (err) {
    return fail(tokenErrorReason(err), "token_exchange_failed");
  }
  const params = { ...conn.connectionParams };
  const baseField = scheme.oauth2?.apiBaseUrlFromTokenField;
  const tokenBase = baseField ? tokens.raw[baseField] : undefined;
  if (typeof tokenBase === "string") params.api_base_url = tokenBase;
  const secrets: Record<string, string> = {
    access_token: tokens.accessToken,
    token_type: tokens.tokenType,
  };
  if (tokens.refreshToken) secrets.refresh_token = tokens.refreshToken;
  if (tokens.idToken) secrets.id_token = tokens.idToken;
  return succeed({
    credentials: { scheme, secrets },
    expiresAt: tokens.expiresIn ? new Date(Date.now() + tokens.expiresIn * 1000) : null,
    grantedScopes: tokens.scope ? tokens.scope.split(/[\s,]+/).filter(Boolean) : integration.scopes,
    connectionParams: params,
  });
}
