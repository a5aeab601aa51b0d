// POST /api/v2/integrations/create – create an integration for an app (your own OAuth client for OAuth apps)
import { availableApps } from "@/lib/core/apps";
import { createIntegration } from "@/lib/core/integrations";
import { integrationInputOf } from "@/lib/http/integration-input";
import { integrationLegacy, withLegacyKey } from "@/lib/http/legacy-mappers";
import { createIntegrationBody } from "@/lib/http/legacy-schemas";
import { json, readJson } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const POST = withLegacyKey(async ({ deps, projectId, actor, req }) => {
  const { app, config } = createIntegrationBody.parse(await readJson(req));
  const created = await createIntegration(deps, {
    projectId,
    actor,
    appKey: app.uniqueKey,
    name: config.name ?? undefined,
    authScheme: config.authScheme ?? undefined,
    ...integrationInputOf(config.integrationSecrets ?? undefined),
  });
  const def = availableApps(deps).find((a) => a.key === created.appKey);
  return json({ integrationId: created.id, ...integrationLegacy(created, def) }, 201);
});
