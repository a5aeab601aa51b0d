// GET /api/v1/integrations – a project's integrations (?appName=&showDisabled=&page=&pageSize=)
import { listIntegrations } from "@/lib/core/integrations";
import { integrationLegacy, pageLegacy, withLegacyKey } from "@/lib/http/legacy-mappers";
import { pageQuery } from "@/lib/http/legacy-schemas";
import { boolParam } from "@/lib/http/query";

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
