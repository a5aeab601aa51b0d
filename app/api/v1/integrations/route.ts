// GET  /api/v1/integrations – a project's integrations (?appName=&showDisabled=&page=&pageSize=)
// POST /api/v1/integrations – create one {appId, name, authScheme, authConfig, useComposioAuth}
//      (the Python SDK's `integrations.create`; 200, the only status it accepts)
import { REDIRECT_SCHEMES, requireApp, requireScheme } from "@/lib/core/apps";
import { AppError } from "@/lib/core/errors";
import { createIntegration, listIntegrations } from "@/lib/core/integrations";
import { integrationInputOf } from "@/lib/http/integration-input";
import { integrationLegacy, pageLegacy, withLegacyKey } from "@/lib/http/legacy-mappers";
import { createIntegrationV1Body, pageQuery } from "@/lib/http/legacy-schemas";
import { boolParam } from "@/lib/http/query";
import { readJson } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const GET = withLegacyKey(async ({ deps, projectId, req }) => {
  const q = new URL(req.url).searchParams;
  const { page, pageSize } = pageQuery.parse({
    page: q.get("page") || undefined,
    pageSize: q.get("pageSize") || undefined,
  });
  const appKey = (q.get("appName") || q.get("appUniqueKey"))?.toLowerCase() || undefined;
  const all = await listIntegrations(deps, { projectId, appKey });
  // A project has a handful of integrations: the page is cut here. Disabled ones only on request.
  const shown = boolParam(q, "showDisabled") ? all : all.filter((i) => i.enabled);
  const items = shown
    .slice((page - 1) * pageSize, page * pageSize)
    .map((i) => integrationLegacy(i));
  return pageLegacy(items, page, pageSize, shown.length);
});

export const POST = withLegacyKey(async ({ deps, projectId, actor, req }) => {
  const body = createIntegrationV1Body.parse(await readJson(req));
  const app = requireApp(deps, body.appId);
  const scheme = requireScheme(app, body.authScheme ?? undefined);
  const input = integrationInputOf(body.authConfig ?? undefined);
  // Keyport has no Composio-managed OAuth apps: say so instead of a bare "clientId is required".
  if (body.useComposioAuth && REDIRECT_SCHEMES.has(scheme.mode) && !input.clientId) {
    throw new AppError(
      "bad_request",
      `useComposioAuth: Keyport has no Composio-managed OAuth app for ${app.key}; pass authConfig with the client_id and client_secret of your own OAuth app`,
    );
  }
  const created = await createIntegration(deps, {
    projectId,
    actor,
    appKey: app.key,
    name: body.name ?? undefined,
    authScheme: scheme.mode,
    ...input,
  });
  return integrationLegacy(created, app);
});
