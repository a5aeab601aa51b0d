// GET    /api/v1/connectedAccounts/{id} – one connected account (composio-core polls it in waitUntilActive)
// DELETE /api/v1/connectedAccounts/{id} – revoke upstream, then erase the connection
import { getConnection } from "@/lib/core/connections";
import { deleteConnection } from "@/lib/core/delete";
import { connectedAccountLegacy, withLegacyKey } from "@/lib/http/legacy-mappers";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = withLegacyKey<P>(async ({ deps, projectId }, { id }) =>
  connectedAccountLegacy(await getConnection(deps, { projectId, id })),
);

export const DELETE = withLegacyKey<P>(async ({ deps, projectId, actor }, { id }) => {
  const result = await deleteConnection(deps, { projectId, id, actor });
  return {
    status: "success",
    count: 1,
    revoked: result.revoked,
    ...(result.revokeError ? { revokeError: result.revokeError } : {}),
  };
});
