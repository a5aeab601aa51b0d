// POST /api/v2/integrations/get-or-create – the project's integration for an app, created when there is none
import { availableApps } from "@/lib/core/apps";
import { createIntegration, listIntegrations } from "@/lib/core/integrations";
import { integrationInputOf } from "@/lib/http/integration-input";
import { integrationLegacy, withLegacyKey } from "@/lib/http/legacy-mappers";
import { createIntegrationBody } from "@/lib/http/legacy-schemas";
import { json, readJson } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const POST = withLegacyKey(async ({ deps, projectId, actor, req }) => {
  const { app, config } = createIntegrationBody.parse(await readJson(req));
  const appKey = app.uniqueKey.toLowerCase();
  const scheme = config.authScheme?.toUpperCase();
  // Same choice as initiateConnection makes with an app name: the newest enabled integration of
  // the app (and scheme). TODO(core): a getOrCreateIntegration in lib/core/integrations.ts would
  // keep this rule in one place; until then it is mirrored here.
  const existing = (await listIntegrations(deps, { projectId, appKey })).find(
    (i) => i.enabled && (!scheme || i.authScheme === scheme),
  );
  const integration =
    existing ??
    (await createIntegration(deps, {
      projectId,
      actor,
      appKey,
      name: config.name ?? undefined,
      authScheme: scheme,
      ...integrationInputOf(config.integrationSecrets ?? undefined),
    }));
  const def = availableApps(deps).find((a) => a.key === integration.appKey);
  return json(
    {
      integrationId: integration.id,
      isNewIntegration: !existing,
      ...integrationLegacy(integration, def),
    },
    existing ? 200 : 201,
  );
});
