// GET    /api/v3.1/connected_accounts/{id} – one connected account
// DELETE /api/v3.1/connected_accounts/{id} – revoke upstream (unless ?revoke_on_delete=false), then erase
import { getConnection } from "@/lib/core/connections";
import { deleteConnection } from "@/lib/core/delete";
import { boolParam } from "@/lib/http/query";
import { connectedAccountV3 } from "@/lib/http/v3-mappers";
import { withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = withApiKey<P>(async ({ deps, projectId }, { id }) =>
  connectedAccountV3(await getConnection(deps, { projectId, id })),
);

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
