// GET    /api/v1/integrations/{id} – one integration with the fields a connection needs
// DELETE /api/v1/integrations/{id} – delete one that has no connections left
import { availableApps } from "@/lib/core/apps";
import { deleteIntegration, getIntegration } from "@/lib/core/integrations";
import { integrationLegacy, withLegacyKey } from "@/lib/http/legacy-mappers";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = withLegacyKey<P>(async ({ deps, projectId }, { id }) => {
  const integration = await getIntegration(deps, { projectId, id });
  // The app's field definitions fill expectedInputFields (catalog data, no query).
  const app = availableApps(deps).find((a) => a.key === integration.appKey);
  return integrationLegacy(integration, app);
});

export const DELETE = withLegacyKey<P>(async ({ deps, projectId, actor }, { id }) => {
  await deleteIntegration(deps, { projectId, id, actor });
  return { status: "success", count: 1 };
});
