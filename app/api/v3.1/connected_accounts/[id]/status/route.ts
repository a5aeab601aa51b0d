// PATCH /api/v3.1/connected_accounts/{id}/status – enable or disable a connected account
import { setConnectionEnabled } from "@/lib/core/connections";
import { statusBody } from "@/lib/http/v3-schemas";
import { readJson, withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const PATCH = withApiKey<{ id: string }>(async ({ deps, projectId, actor, req }, { id }) => {
  const { enabled } = statusBody.parse(await readJson(req));
  await setConnectionEnabled(deps, { projectId, id, enabled, actor });
  return { success: true };
});
