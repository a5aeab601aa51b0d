// GET    /api/v3.1/connected_accounts/{id} – one connected account
// PATCH  /api/v3.1/connected_accounts/{id} – new credentials for an API key / bearer token / basic account
// DELETE /api/v3.1/connected_accounts/{id} – revoke upstream (unless ?revoke_on_delete=false), then erase
import { getConnection } from "@/lib/core/connections";
import { deleteConnection } from "@/lib/core/delete";
import { AppError } from "@/lib/core/errors";
import { updateConnectionCredentials } from "@/lib/core/update-credentials";
import { boolParam } from "@/lib/http/query";
import { connectedAccountV3 } from "@/lib/http/v3-mappers";
import { updateConnectedAccountBody } from "@/lib/http/v3-schemas";
import { readJson, withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = withApiKey<P>(async ({ deps, projectId }, { id }) =>
  connectedAccountV3(await getConnection(deps, { projectId, id })),
);

export const PATCH = withApiKey<P>(async ({ deps, projectId, actor, req }, { id }) => {
  const body = updateConnectedAccountBody.parse(await readJson(req));
  if (body.alias !== undefined)
    throw new AppError("bad_request", "alias: Keyport does not update aliases yet");
  if (!body.connection)
    throw new AppError("bad_request", "connection.state: give the new credentials");
  // A null value removes a field in Composio's API; here every required field must be given.
  const credentials = Object.fromEntries(
    Object.entries(body.connection.state.val).filter((e): e is [string, string] => e[1] !== null),
  );
  const { authScheme } = body.connection.state;
  const updated = connectedAccountV3(
    await updateConnectionCredentials(deps, { projectId, id, credentials, authScheme, actor }),
  );
  return { id: updated.id, status: updated.status, success: true, connected_account: updated };
});

export const DELETE = withApiKey<P>(async ({ deps, projectId, actor, req }, { id }) => {
  const revoke = boolParam(new URL(req.url).searchParams, "revoke_on_delete") ?? true;
  const result = await deleteConnection(deps, { projectId, id, revoke, actor });
  return {
    success: true,
    id,
    revoked: result.revoked,
    ...(result.revokeError ? { revoke_error: result.revokeError } : {}),
  };
});
