// GET / DELETE /api/v3.1/tool_router/session/{id} – read or revoke an MCP session
import { getToolSession, revokeToolSession } from "@/lib/core/tool-sessions";
import { apiOperation } from "@/lib/http/operation";
import { sessionOut } from "@/lib/http/tool-router";
import { deleteToolRouterSession, getToolRouterSession } from "@/lib/http/v3-operations";
import { sessionActions } from "@/lib/mcp/tools";

export const dynamic = "force-dynamic";

export const GET = apiOperation(getToolRouterSession, async ({ deps, projectId, params }) => {
  const session = await getToolSession(deps, { projectId, id: params.id });
  const direct =
    session.mode === "direct" ? (await sessionActions(deps, session)).map((a) => a.name) : [];
  return sessionOut(session, deps.publicUrl, direct);
});

export const DELETE = apiOperation(deleteToolRouterSession, async ({ deps, projectId, params }) => {
  await revokeToolSession(deps, { projectId, id: params.id });
  return { session_id: params.id, deleted: true as const };
});
