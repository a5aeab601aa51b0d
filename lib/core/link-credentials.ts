// The connect page's form for credential schemes (API key, bearer token, basic): check, then store.
import type { Deps } from "./deps";
import { activateConnection } from "./activate";
import { outcomeUrl } from "./flow-urls";
import { AppError } from "./errors";
import { checkTypedCredentials } from "./initiate";
import type { LinkContext } from "./link-context";

/** Verify the typed values with the app and activate the connection; returns where to go next. */
export async function submitLinkCredentials(
  deps: Deps,
  ctx: LinkContext,
  values: Record<string, string>,
): Promise<string> {
  if (!["API_KEY", "BEARER_TOKEN", "BASIC"].includes(ctx.scheme.mode)) {
    throw new AppError("bad_request", "This app does not take typed credentials");
  }
  const checked = await checkTypedCredentials(deps, {
    app: ctx.app,
    scheme: ctx.scheme,
    values,
    connectionParams: ctx.connection.connectionParams,
    apiBaseOverride: ctx.integration.apiBaseUrl,
  });
  await activateConnection(deps, {
    projectId: ctx.connection.projectId,
    connectionId: ctx.connection.id,
    secrets: checked.secrets,
    identity: checked.identity,
    linkId: ctx.linkId,
  });
  return outcomeUrl(deps, ctx.connection, {
    status: "success",
    connectionId: ctx.connection.id,
    app: ctx.app.key,
  });
}
