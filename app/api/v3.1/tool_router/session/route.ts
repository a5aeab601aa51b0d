// POST /api/v3.1/tool_router/session – mint an MCP session for one user (Composio's shape)
import { createToolSession } from "@/lib/core/tool-sessions";
import { apiOperation } from "@/lib/http/operation";
import { sessionOut, toolkitsOf, toolsOf } from "@/lib/http/tool-router";
import { createToolRouterSession } from "@/lib/http/v3-operations";
import { sessionActions } from "@/lib/mcp/tools";

export const dynamic = "force-dynamic";

export const POST = apiOperation(
  createToolRouterSession,
  async ({ deps, projectId, actor, body }) => {
    const { session, token } = await createToolSession(deps, {
      projectId,
      actor,
      userId: body.user_id,
      toolkits: toolkitsOf(body, deps.sandboxOrigin),
      tools: toolsOf(body),
      connectedAccounts: body.connected_accounts,
      ttlSeconds: body.expires_in,
      mode: body.mode,
    });
    const direct =
      session.mode === "direct" ? (await sessionActions(deps, session)).map((a) => a.name) : [];
    return { ...sessionOut(session, deps.publicUrl, direct), token };
  },
);
