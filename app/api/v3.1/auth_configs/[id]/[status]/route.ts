// PATCH /api/v3.1/auth_configs/{id}/{status} – enable (ENABLED) or disable (DISABLED) an auth config
import { setIntegrationEnabled } from "@/lib/core/integrations";
import { authConfigV3 } from "@/lib/http/v3-mappers";
import { authConfigStatusParam } from "@/lib/http/v3-schemas";
import { withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const PATCH = withApiKey<{ id: string; status: string }>(
  async ({ deps, projectId, actor }, { id, status }) => {
    const enabled = authConfigStatusParam.parse(status) === "ENABLED";
    const updated = await setIntegrationEnabled(deps, { projectId, id, enabled, actor });
    return { success: true, auth_config: authConfigV3(updated) };
  },
);
