// POST /api/v2/connectedAccounts/initiateConnection – initiate a connection for an entity (composio-core `initiateConnection`)
import { AppError } from "@/lib/core/errors";
import { initiateConnection } from "@/lib/core/initiate";
import { connectionRequestLegacy, withLegacyKey } from "@/lib/http/legacy-mappers";
import { initiateConnectionBody } from "@/lib/http/legacy-schemas";
import { json, readJson } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const POST = withLegacyKey(async ({ deps, projectId, actor, req }) => {
  const { app, config, connection } = initiateConnectionBody.parse(await readJson(req));
  // composio-core sends `authConfig` here to create an integration on the fly; Keyport keeps the
  // two steps apart so OAuth client secrets only enter through the integration routes.
  if (config.integrationSecrets && Object.keys(config.integrationSecrets).length > 0) {
    throw new AppError(
      "bad_request",
      "config.integrationSecrets: create the integration first (POST /api/v2/integrations/create) and initiate with its integrationId",
    );
  }
  const data = connection.initiateData ?? undefined;
  const result = await initiateConnection(deps, {
    projectId,
    actor,
    integrationId: app.integrationId ?? undefined,
    appKey: app.uniqueKey ?? undefined,
    authScheme: config.authScheme ?? undefined,
    userId: connection.entityId ?? undefined,
    returnUrl: connection.extra.redirectURL || undefined,
    credentials: data,
    connectionParams: data,
    labels: connection.extra.labels ?? undefined,
  });
  return json(
    {
      connectionResponse: connectionRequestLegacy(result),
      integration: { id: result.integration.id, isNewIntegration: result.integration.isNew },
    },
    201,
  );
});
