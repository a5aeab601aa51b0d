// POST /api/v1/connectedAccounts/{id}/enable – enable a disabled connected account
import { setConnectionEnabled } from "@/lib/core/connections";
import { withLegacyKey } from "@/lib/http/legacy-mappers";

export const dynamic = "force-dynamic";

export const POST = withLegacyKey<{ id: string }>(async ({ deps, projectId, actor }, { id }) => {
  await setConnectionEnabled(deps, { projectId, id, enabled: true, actor });
  return { status: "success", connectedAccountId: id };
});
