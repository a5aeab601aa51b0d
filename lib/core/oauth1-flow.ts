// The OAuth 1.0a connect flow (RFC 5849; Trello): request token → authorize → access token (SECURITY.md 28).
import { redirectUriOf } from "./flow-urls";
import { bindings } from "./bindings";
import { keyedHash } from "@/lib/crypto";
import { egressFetch } from "@/lib/egress";
import type { Deps } from "./deps";
import { AppError } from "./errors";
import { openFlow, parkFlow } from "./flow-callback";
import { integrationSecrets } from "./integrations";
import type { LinkContext } from "./link-context";
import { signOAuth1 } from "./oauth1-sign";
import { unseal } from "./sealed";
import { policyFor } from "./upstream";

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
  await parkFlow(deps, ctx, bindingToken, {
    stateHash: stateOf(deps.pepper, token),
    issuer: null,
    tokenEndpoint: s.accessTokenUrl,
    redirectUri: callback,
    secrets: { token_secret: secret },
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
  const { flow, integration, app, scheme, fail, succeed } = await openFlow(
    deps,
    stateHash,
    bindingToken,
  );
  const verifier = query.get("oauth_verifier");
  if (!verifier) {
    const denied = query.has("denied");
    return fail(
      denied ? "The user denied access" : "The provider returned no oauth_verifier",
      "access_denied",
    );
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
    return fail(reason, "token_exchange_failed");
  }
  const accessToken = body.get("oauth_token");
  const accessSecret = body.get("oauth_token_secret");
  if (!accessToken || !accessSecret)
    return fail("The provider returned no access token", "token_exchange_failed");
  const secrets = { oauth_token: accessToken, oauth_token_secret: accessSecret };
  return succeed({ credentials: { scheme, secrets, consumer } });
}
