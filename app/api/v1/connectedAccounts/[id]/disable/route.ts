// POST /api/v1/connectedAccounts/{id}/disable – disable (INACTIVE: cannot execute until enabled)
import { setConnectionEnabled } from "@/lib/core/connections";
import { withLegacyKey } from "@/lib/http/legacy-mappers";

export const dynamic = "force-dynamic";

export const POST = withLegacyKey<{ id: string }>(async ({ deps, projectId, actor }, { id }) => {
  await setConnectionEnabled(deps, { projectId, id, enabled: false, actor });
  return { status: "success", connectedAccountId: id };
});
