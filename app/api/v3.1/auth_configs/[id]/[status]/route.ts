// PATCH /api/v3.1/auth_configs/{id}/{status} – enable (ENABLED) or disable (DISABLED) an auth config
import { setIntegrationEnabled } from "@/lib/core/integrations";
import { apiOperation } from "@/lib/http/operation";
import { authConfigV3 } from "@/lib/http/v3-mappers";
import { setAuthConfigStatus } from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const PATCH = apiOperation(
  setAuthConfigStatus,
  async ({ deps, projectId, actor, params }) => {
    const enabled = params.status === "ENABLED";
    const updated = await setIntegrationEnabled(deps, { projectId, id: params.id, enabled, actor });
    return { success: true as const, auth_config: authConfigV3(updated) };
  },
);
