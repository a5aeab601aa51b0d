// GET    /api/v3.1/connected_accounts/{id} – one connected account
// PATCH  /api/v3.1/connected_accounts/{id} – new credentials for an API key / bearer token / basic account
// DELETE /api/v3.1/connected_accounts/{id} – revoke upstream (unless ?revoke_on_delete=false), then erase
import { getConnection } from "@/lib/core/connections";
import { deleteConnection } from "@/lib/core/delete";
import { AppError } from "@/lib/core/errors";
import { updateConnectionCredentials } from "@/lib/core/update-credentials";
import { apiOperation } from "@/lib/http/operation";
import { connectedAccountV3 } from "@/lib/http/v3-mappers";
import {
  deleteConnectedAccount,
  getConnectedAccount,
  updateConnectedAccount,
} from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const GET = apiOperation(getConnectedAccount, async ({ deps, projectId, params }) =>
  connectedAccountV3(await getConnection(deps, { projectId, id: params.id })),
);

export const PATCH = apiOperation(
  updateConnectedAccount,
  async ({ deps, projectId, actor, body, params }) => {
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
      await updateConnectionCredentials(deps, {
        projectId,
        id: params.id,
        credentials,
        authScheme,
        actor,
      }),
    );
    return {
      id: updated.id,
      status: updated.status,
      success: true as const,
      connected_account: updated,
    };
  },
);

export const DELETE = apiOperation(
  deleteConnectedAccount,
  async ({ deps, projectId, actor, query, params }) => {
    const { id } = params;
    const result = await deleteConnection(deps, {
      projectId,
      id,
      revoke: query.revoke_on_delete,
      actor,
    });
    return {
      success: true as const,
      id,
      revoked: result.revoked,
      ...(result.revokeError ? { revoke_error: result.revokeError } : {}),
    };
  },
);
