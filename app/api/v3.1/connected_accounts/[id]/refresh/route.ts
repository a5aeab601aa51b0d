// POST /api/v3.1/connected_accounts/{id}/refresh – refresh the token now (never turns ACTIVE into INITIATED)
import { refreshConnection } from "@/lib/core/force-refresh";
import { apiOperation } from "@/lib/http/operation";
import { connectedAccountV3 } from "@/lib/http/v3-mappers";
import { refreshConnectedAccount } from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const POST = apiOperation(
  refreshConnectedAccount,
  async ({ deps, projectId, actor, params }) => {
    const account = connectedAccountV3(
      await refreshConnection(deps, { projectId, id: params.id, actor }),
    );
    return {
      id: account.id,
      status: account.status,
      redirect_url: null,
      connected_account: account,
    };
  },
);
