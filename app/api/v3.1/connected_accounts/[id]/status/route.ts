// PATCH /api/v3.1/connected_accounts/{id}/status – enable or disable a connected account
import { setConnectionEnabled } from "@/lib/core/connections";
import { apiOperation } from "@/lib/http/operation";
import { setConnectedAccountStatus } from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const PATCH = apiOperation(
  setConnectedAccountStatus,
  async ({ deps, projectId, actor, body, params }) => {
    await setConnectionEnabled(deps, { projectId, id: params.id, enabled: body.enabled, actor });
    return { success: true as const };
  },
);
