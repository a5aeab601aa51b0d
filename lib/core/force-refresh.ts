// A forced refresh (POST …/refresh): a real token refresh, never a re-authorization.
import { requireApp, requireScheme } from "./apps";
import { assertUsable, loadConnection } from "./connection-row";
import { getConnection, type ConnectionView } from "./connections";
import type { Actor, Deps } from "./deps";
import { AppError } from "./errors";
import { freshSecrets } from "./refresh";

/** Refresh an ACTIVE OAuth 2 connection's token now; returns the connection afterwards. */
export async function refreshConnection(
  deps: Deps,
  input: { projectId: string; id: string; actor: Actor },
): Promise<ConnectionView> {
  const u = await loadConnection(deps, input);
  assertUsable(u);
  if (u.connection.authScheme !== "OAUTH2") {
    throw new AppError(
      "bad_request",
      `Connected account ${input.id} uses ${u.connection.authScheme}: there is no token to refresh`,
    );
  }
  const app = requireApp(deps, u.connection.appKey);
  await freshSecrets(deps, {
    connection: u.connection,
    integration: u.integration,
    app,
    scheme: requireScheme(app, "OAUTH2"),
    actor: input.actor,
    force: true,
  });
  return getConnection(deps, input);
}
