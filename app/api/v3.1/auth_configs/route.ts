// GET  /api/v3.1/auth_configs – a project's auth configs (?toolkit_slug=)
// POST /api/v3.1/auth_configs – create one for a toolkit with your own OAuth client
import { AppError } from "@/lib/core/errors";
import { createIntegration, listIntegrations } from "@/lib/core/integrations";
import { integrationInputOf } from "@/lib/http/integration-input";
import { apiOperation } from "@/lib/http/operation";
import { authConfigV3, pageV3 } from "@/lib/http/v3-mappers";
import { createAuthConfig, listAuthConfigs } from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const GET = apiOperation(listAuthConfigs, async ({ deps, projectId, query }) => {
  const items = await listIntegrations(deps, {
    projectId,
    appKey: query.toolkit_slug?.toLowerCase() || undefined,
  });
  return pageV3(
    items.map((i) => authConfigV3(i)),
    null,
    items.length,
    Math.max(items.length, 1),
  );
});

export const POST = apiOperation(createAuthConfig, async ({ deps, projectId, actor, body }) => {
  if (body.auth_config.type === "use_composio_managed_auth") {
    throw new AppError(
      "bad_request",
      "Keyport has no managed OAuth apps: use type use_custom_auth with your own client id and secret",
    );
  }
  const created = await createIntegration(deps, {
    projectId,
    actor,
    appKey: body.toolkit.slug,
    name: body.auth_config.name,
    authScheme: body.auth_config.authScheme ?? body.auth_config.auth_scheme,
    ...integrationInputOf(body.auth_config.credentials, body.auth_config.scopes),
  });
  const view = authConfigV3(created);
  return {
    ...view,
    toolkit: { slug: created.appKey },
    auth_config: {
      id: view.id,
      auth_scheme: view.auth_scheme,
      is_composio_managed: false as const,
    },
  };
});
