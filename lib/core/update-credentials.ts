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

/** Check the new values with the app (nothing is stored when the app refuses them), then save them; same id. */
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
  // activateConnection marks the row ACTIVE whatever `enabled` says; a disabled account must stay INACTIVE.
  if (!connection.enabled) {
    throw new AppError("bad_request", `Connected account ${connection.id} is disabled; enable it before updating its credentials`);
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
    previousStatus: connection.status,
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
