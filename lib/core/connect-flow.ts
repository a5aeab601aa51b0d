// The OAuth 2.0 connect flow: start at the link page, finish at the one callback (SECURITY.md 1–8).
import { bindings } from "./bindings";
import { eq } from "drizzle-orm";
import { authFlows, connections } from "@/db/schema";
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
import { activateConnection, failConnection } from "./activate";
import { outcomeUrl, redirectUriOf } from "./flow-urls";
import { fillUrl, requireApp, requireScheme } from "./apps";
import type { OAuth2Settings } from "@/lib/catalog/types";
import type { Deps } from "./deps";
import { AppError } from "./errors";
import { consumeFlow, requireOpenLink } from "./flows";
import { getIntegrationRow, integrationSecrets } from "./integrations";
import type { LinkContext } from "./link-context";
import { completeOAuth1, beginOAuth1 } from "./oauth1-flow";
import { seal, unseal } from "./sealed";
import { apiBaseFor, fetchIdentity, policyFor } from "./upstream";

/**
 * Authorize parameters that make the provider show its consent page, naming the app and the
 * account, on every connect: a provider session or an earlier approval is never reused silently,
 * so the end user sees which account is being connected before Keyport activates anything
 * (issue 11 item 1; the attack it closes sent a signed-in victim straight back).
 */
export const reconsentParams = (s: OAuth2Settings): Record<string, string> =>
  s.reconsentParams ?? { prompt: "consent" };

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
  const stateHash = keyedHash(deps.pepper, state);
  await deps.db.insert(authFlows).values({
    stateHash,
    connectionId: ctx.connection.id,
    projectId: ctx.connection.projectId,
    appKey: ctx.app.key,
    issuer: pins.issuer,
    tokenEndpoint: pins.tokenEndpoint,
    redirectUri: redirectUriOf(deps),
    // The link id rides in the sealed bag: the callback refuses the flow once that link is closed.
    verifierEnc: seal(
      deps,
      bindings.flowVerifier(stateHash),
      s.pkce ? { verifier, link: ctx.linkId } : { link: ctx.linkId },
    ),
    bindingHash: keyedHash(deps.pepper, bindingToken),
    expiresAt: new Date(Date.now() + deps.flowTtlSeconds * 1000),
  });
  const url = new URL(pins.authorizationEndpoint ?? s.authorizeUrl);
  const scopes = ctx.integration.scopes.join(s.scopeSeparator);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", ctx.integration.clientId ?? "");
  url.searchParams.set("redirect_uri", redirectUriOf(deps));
  if (scopes && !s.noScopes) url.searchParams.set(s.userScopeParam ?? "scope", scopes);
  url.searchParams.set("state", state);
  if (s.pkce) {
    url.searchParams.set("code_challenge", challenge);
    url.searchParams.set("code_challenge_method", "S256");
  }
  for (const [k, v] of Object.entries(s.authorizeParams ?? {})) url.searchParams.set(k, v);
  for (const [k, v] of Object.entries(reconsentParams(s))) url.searchParams.set(k, v);
  return url.toString();
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
  const stateHash = keyedHash(deps.pepper, state);
  // Single use: the flow is consumed before anything else happens (a replay finds nothing).
  const flow = await consumeFlow(deps, stateHash, bindingToken);
  // A flow parked before its link was used or replaced never completes (issue 11 item 2).
  const linkId = await requireOpenLink(deps, flow);
  const [conn] = await deps.db
    .select()
    .from(connections)
    .where(eq(connections.id, flow.connectionId));
  if (!conn) throw new AppError("not_found", "The connection no longer exists.");
  const integration = await getIntegrationRow(deps, {
    projectId: conn.projectId,
    id: conn.integrationId,
  });
  const app = requireApp(deps, conn.appKey);
  const scheme = requireScheme(app, conn.authScheme);
  // The callback uses only what the flow pinned at its start (SECURITY.md 3).
  const pins: ServerPins = { issuer: flow.issuer, tokenEndpoint: flow.tokenEndpoint };
  const clientId = integration.clientId ?? "";
  const fail = async (reason: string, code: string) => {
    await failConnection(deps, {
      projectId: conn.projectId,
      connectionId: conn.id,
      reason,
      previousStatus: conn.status,
    });
    return outcomeUrl(deps, conn, {
      status: "failed",
      connectionId: conn.id,
      error: code,
      app: app.key,
    });
  };
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
  const base = apiBaseFor(app, params, integration.apiBaseUrl);
  const identity = await fetchIdentity(deps, { app, base, credentials: { scheme, secrets } });
  await activateConnection(deps, {
    projectId: conn.projectId,
    connectionId: conn.id,
    secrets,
    expiresAt: tokens.expiresIn ? new Date(Date.now() + tokens.expiresIn * 1000) : null,
    grantedScopes: tokens.scope ? tokens.scope.split(/[\s,]+/).filter(Boolean) : integration.scopes,
    identity,
    connectionParams: params,
    linkId,
  });
  return outcomeUrl(deps, conn, {
    status: "success",
    connectionId: conn.id,
    app: app.key,
  });
}
