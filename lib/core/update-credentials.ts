// Replace the credentials of a key-based connection (API key, bearer token, basic): check, then store.
import { activateConnection } from "./activate";
import { requireApp, requireScheme } from "./apps";
import { recordAudit } from "./audit";
import { loadConnection } from "./connection-row";
import { getConnection, type ConnectionView } from "./connections";
import type { Actor, Deps } from "./deps";
import { AppError } from "./errors";
import { checkTypedCredentials } from "./initiate";

const TYPED_SCHEMES = new Set(["API_KEY", "BEARER_TOKEN", "BASIC"]);

/**
 * Check the new values with the app (nothing is stored when it refuses them), then save them under the
 * same id. A disabled account stays INACTIVE (activateConnection keeps `enabled` as it is).
 */
export async function updateConnectionCredentials(
  deps: Deps,
  input: {
    projectId: string;
    id: string;
    credentials: Record<string, string>;
    /** The scheme the caller believes the account uses; a mismatch is a 400 naming both. */
    authScheme?: string;
    actor: Actor;
  },
): Promise<ConnectionView> {
  const { connection, integration } = await loadConnection(deps, input);
  if (input.authScheme && input.authScheme.toUpperCase() !== connection.authScheme) {
    throw new AppError(
      "bad_request",
      `Connected account ${connection.id} uses ${connection.authScheme}, not ${input.authScheme.toUpperCase()}`,
    );
  }
  if (!TYPED_SCHEMES.has(connection.authScheme)) {
    throw new AppError(
      "bad_request",
      `Connected account ${connection.id} uses ${connection.authScheme}: its credentials come from the provider; reconnect it instead`,
    );
  }
  const app = requireApp(deps, connection.appKey);
  const scheme = requireScheme(app, connection.authScheme);
  const checked = await checkTypedCredentials(deps, {
    app,
    scheme,
    values: input.credentials,
    connectionParams: connection.connectionParams,
    apiBaseOverride: integration.apiBaseUrl,
  });
  await activateConnection(deps, {
    projectId: input.projectId,
    connectionId: connection.id,
    secrets: checked.secrets,
    identity: checked.identity,
    actor: input.actor,
  });
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: "connection.update_credentials",
    objectType: "connection",
    objectId: connection.id,
    detail: { app: app.key, fields: Object.keys(checked.secrets) },
  });
  return getConnection(deps, input);
}
