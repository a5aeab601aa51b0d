// POST /api/v3.1/tools/execute/proxy – a raw request for a connected account, relative to the app's API base
import { proxyRequest } from "@/lib/core/proxy";
import { apiOperation } from "@/lib/http/operation";
import { proxyRequest as proxyOperation } from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const POST = apiOperation(
  proxyOperation,
  async ({ deps, projectId, actor, requestId, body }) => {
    const r = await proxyRequest(deps, {
      projectId,
      actor,
      requestId,
      connectionId: body.connected_account_id,
      endpoint: body.endpoint,
      method: body.method,
      body: body.body,
      parameters: body.parameters?.map((p) => ({ name: p.name, value: p.value, in: p.type })),
    });
    return { data: r.data, status: r.status, headers: r.headers, log_id: r.logId };
  },
);
