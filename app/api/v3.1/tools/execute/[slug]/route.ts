// POST /api/v3.1/tools/execute/{slug} – run an action as a user (or through one connected account)
import { executeAction } from "@/lib/core/execute";
import { apiOperation } from "@/lib/http/operation";
import { executeTool } from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const POST = apiOperation(
  executeTool,
  async ({ deps, projectId, actor, requestId, body, params }) => {
    const r = await executeAction(deps, {
      projectId,
      actor,
      requestId,
      action: params.slug,
      connectionId: body.connected_account_id,
      userId: body.user_id ?? body.entity_id,
      arguments: body.arguments,
    });
    return {
      data: r.data,
      error: r.error,
      successful: r.successful,
      log_id: r.logId,
      status_code: r.httpStatus,
      session_info: null,
    };
  },
);
