// The OAuth 1.0a connect flow (RFC 5849; Trello): request token → authorize → access token (SECURITY.md 28).
import { outcomeUrl, redirectUriOf } from "./flow-urls";
import { bindings } from "./bindings";
import { eq } from "drizzle-orm";
import { authFlows, connections } from "@/db/schema";
import { keyedHash } from "@/lib/crypto";
import { egressFetch } from "@/lib/egress";
import { activateConnection, failConnection } from "./activate";
import { requireApp, requireScheme } from "./apps";
import type { Deps } from "./deps";
import { AppError } from "./errors";
import { consumeFlow, requireOpenLink } from "./flows";
import { getIntegrationRow, integrationSecrets } from "./integrations";
import type { LinkContext } from "./link-context";
import { signOAuth1 } from "./oauth1-sign";
import { seal, unseal } from "./sealed";
import { apiBaseFor, fetchIdentity, policyFor } from "./upstream";

const stateOf = (pepper: string, oauthToken: string) => keyedHash(pepper, `oauth1:${oauthToken}`);

async function signedPost(
  deps: Deps,
  ctx: { app: LinkContext["app"] },
  url: string,
  authorization: string,
) {
  const res = await egressFetch(
    url,
    { method: "POST", headers: { authorization, accept: "application/x-www-form-urlencoded" } },
    policyFor(deps, ctx.app),
  );
  const body = new URLSearchParams(res.text());
  if (res.status >= 300) {
    const problem = body.get("oauth_problem") ?? `HTTP ${res.status}`;
    throw new AppError("upstream_error", `The provider refused the OAuth 1.0a request: ${problem}`);
  }
  return body;
}

/** Get a request token (callback confirmed) and return the provider's authorize URL. */
export async function beginOAuth1(
  deps: Deps,
  ctx: LinkContext,
  bindingToken: string,
): Promise<string> {
  const s = ctx.scheme.oauth1;
  if (!s) throw new AppError("bad_request", "This app does not use OAuth 1.0a");
  const consumer = {
    key: ctx.integration.clientId ?? "",
    secret: integrationSecrets(deps, ctx.integration).client_secret ?? "",
  };
  const callback = redirectUriOf(deps);
  const body = await signedPost(
    deps,
    ctx,
    s.requestTokenUrl,
    signOAuth1({
      consumer,
      method: "POST",
      url: s.requestTokenUrl,
      extra: { oauth_callback: callback },
    }),
  );
  const token = body.get("oauth_token");
  const secret = body.get("oauth_token_secret");
  if (!token || !secret || body.get("oauth_callback_confirmed") !== "true") {
    throw new AppError(
      "upstream_error",
      "The provider did not confirm the callback (oauth_callback_confirmed)",
    );
  }
  const stateHash = stateOf(deps.pepper, token);
  await deps.db.insert(authFlows).values({
    stateHash,
    connectionId: ctx.connection.id,
    projectId: ctx.connection.projectId,
    appKey: ctx.app.key,
    issuer: null,
    tokenEndpoint: s.accessTokenUrl,
    redirectUri: callback,
    // The link id rides in the sealed bag: the callback refuses the flow once that link is closed.
    verifierEnc: seal(deps, bindings.flowVerifier(stateHash), {
      token_secret: secret,
      link: ctx.linkId,
    }),
    bindingHash: keyedHash(deps.pepper, bindingToken),
    expiresAt: new Date(Date.now() + deps.flowTtlSeconds * 1000),
  });
  const url = new URL(s.authorizeUrl);
  url.searchParams.set("oauth_token", token);
  for (const [k, v] of Object.entries(s.authorizeParams ?? {})) url.searchParams.set(k, v);
  return url.toString();
}

/** Exchange the verifier for an access token and activate the connection. */
export async function completeOAuth1(
  deps: Deps,
  query: URLSearchParams,
  bindingToken: string | undefined,
): Promise<string> {
  const token = query.get("oauth_token") ?? query.get("denied") ?? "";
  const stateHash = stateOf(deps.pepper, token);
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
  const verifier = query.get("oauth_verifier");
  if (!verifier) {
    const reason = query.has("denied")
      ? "The user denied access"
      : "The provider returned no oauth_verifier";
    await failConnection(deps, {
      projectId: conn.projectId,
      connectionId: conn.id,
      reason,
      previousStatus: conn.status,
    });
    return outcomeUrl(deps, conn, {
      status: "failed",
      connectionId: conn.id,
      error: "access_denied",
      app: app.key,
    });
  }
  const consumer = {
    key: integration.clientId ?? "",
    secret: integrationSecrets(deps, integration).client_secret ?? "",
  };
  const tokenSecret =
    unseal(deps, bindings.flowVerifier(stateHash), flow.verifierEnc ?? "").token_secret ?? "";
  let body: URLSearchParams;
  try {
    body = await signedPost(
      deps,
      { app },
      flow.tokenEndpoint,
      signOAuth1({
        consumer,
        token: { key: token, secret: tokenSecret },
        method: "POST",
        url: flow.tokenEndpoint,
        extra: { oauth_verifier: verifier },
      }),
    );
  } catch (err) {
    const reason = err instanceof AppError ? err.message : "The access-token request failed";
    await failConnection(deps, {
      projectId: conn.projectId,
      connectionId: conn.id,
      reason,
      previousStatus: conn.status,
    });
    return outcomeUrl(deps, conn, {
      status: "failed",
      connectionId: conn.id,
      error: "token_exchange_failed",
      app: app.key,
    });
  }
  const accessToken = body.get("oauth_token");
  const accessSecret = body.get("oauth_token_secret");
  if (!accessToken || !accessSecret) {
    await failConnection(deps, {
      projectId: conn.projectId,
      connectionId: conn.id,
      reason: "The provider returned no access token",
      previousStatus: conn.status,
    });
    return outcomeUrl(deps, conn, {
      status: "failed",
      connectionId: conn.id,
      error: "token_exchange_failed",
      app: app.key,
    });
  }
  const secrets = { oauth_token: accessToken, oauth_token_secret: accessSecret };
  const base = apiBaseFor(app, conn.connectionParams, integration.apiBaseUrl);
  const identity = await fetchIdentity(deps, {
    app,
    base,
    credentials: { scheme, secrets, consumer },
  });
  await activateConnection(deps, {
    projectId: conn.projectId,
    connectionId: conn.id,
    secrets,
    identity,
    linkId,
  });
  return outcomeUrl(deps, conn, {
    status: "success",
    connectionId: conn.id,
    app: app.key,
  });
}
