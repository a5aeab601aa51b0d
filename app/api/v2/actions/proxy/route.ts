// POST /api/v2/actions/proxy – a raw request for a connected account, relative to the app's API base
import { proxyRequest } from "@/lib/core/proxy";
import { proxyResultLegacy, withLegacyKey } from "@/lib/http/legacy-mappers";
import { proxyBody } from "@/lib/http/legacy-schemas";
import { readJson } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const POST = withLegacyKey(async ({ deps, projectId, actor, requestId, req }) => {
  const body = proxyBody.parse(await readJson(req));
  const result = await proxyRequest(deps, {
    projectId,
    actor,
    requestId,
    connectionId: body.connectedAccountId,
    endpoint: body.endpoint,
    method: body.method,
    body: body.body,
    parameters: body.parameters?.map((p) => ({ name: p.name, value: p.value, in: p.in })),
  });
  return proxyResultLegacy(result);
});
