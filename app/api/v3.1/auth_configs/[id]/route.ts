// GET    /api/v3.1/auth_configs/{id} – one auth config (secrets only as set / not set)
// PATCH  /api/v3.1/auth_configs/{id} – update name, client credentials, scopes, URL overrides
// DELETE /api/v3.1/auth_configs/{id} – delete one that has no connections
import { deleteIntegration, getIntegration, updateIntegration } from "@/lib/core/integrations";
import { integrationInputOf } from "@/lib/http/integration-input";
import { authConfigV3 } from "@/lib/http/v3-mappers";
import { updateAuthConfigBody } from "@/lib/http/v3-schemas";
import { readJson, withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = withApiKey<P>(async ({ deps, projectId }, { id }) =>
  authConfigV3(await getIntegration(deps, { projectId, id })),
);

export const PATCH = withApiKey<P>(async ({ deps, projectId, actor, req }, { id }) => {
  const body = updateAuthConfigBody.parse(await readJson(req));
  const updated = await updateIntegration(deps, {
    projectId,
    id,
    actor,
    name: body.name,
    ...integrationInputOf(body.credentials, body.scopes),
  });
  return authConfigV3(updated);
});

export const DELETE = withApiKey<P>(async ({ deps, projectId, actor }, { id }) => {
  await deleteIntegration(deps, { projectId, id, actor });
  return { success: true };
});
