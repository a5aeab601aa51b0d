// GET    /api/v3.1/auth_configs/{id} – one auth config (secrets only as set / not set)
// PATCH  /api/v3.1/auth_configs/{id} – update name, client credentials, scopes, URL overrides
// DELETE /api/v3.1/auth_configs/{id} – delete one that has no connections
import { deleteIntegration, getIntegration, updateIntegration } from "@/lib/core/integrations";
import { integrationInputOf } from "@/lib/http/integration-input";
import { apiOperation } from "@/lib/http/operation";
import { authConfigV3 } from "@/lib/http/v3-mappers";
import { deleteAuthConfig, getAuthConfig, updateAuthConfig } from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const GET = apiOperation(getAuthConfig, async ({ deps, projectId, params }) =>
  authConfigV3(await getIntegration(deps, { projectId, id: params.id })),
);

export const PATCH = apiOperation(
  updateAuthConfig,
  async ({ deps, projectId, actor, body, params }) => {
    const updated = await updateIntegration(deps, {
      projectId,
      id: params.id,
      actor,
      name: body.name,
      ...integrationInputOf(body.credentials, body.scopes),
    });
    return authConfigV3(updated);
  },
);

export const DELETE = apiOperation(deleteAuthConfig, async ({ deps, projectId, actor, params }) => {
  await deleteIntegration(deps, { projectId, id: params.id, actor });
  return { success: true as const };
});
