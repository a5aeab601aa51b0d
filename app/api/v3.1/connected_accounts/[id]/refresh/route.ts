// POST /api/v3.1/connected_accounts/{id}/refresh – refresh the token now (never turns ACTIVE into INITIATED)
import { refreshConnection } from "@/lib/core/force-refresh";
import { connectedAccountV3 } from "@/lib/http/v3-mappers";
import { withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const POST = withApiKey<{ id: string }>(async ({ deps, projectId, actor }, { id }) => {
  const account = connectedAccountV3(await refreshConnection(deps, { projectId, id, actor }));
  return { id: account.id, status: account.status, redirect_url: null, connected_account: account };
});
