// POST /api/v3.1/tools/execute/{slug} – run an action as a user (or through one connected account)
import { executeAction } from "@/lib/core/execute";
import { executeBody } from "@/lib/http/v3-schemas";
import { readJson, withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const POST = withApiKey<{ slug: string }>(
  async ({ deps, projectId, actor, req }, { slug }) => {
    const body = executeBody.parse(await readJson(req));
    const r = await executeAction(deps, {
      projectId,
      actor,
      action: slug,
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
