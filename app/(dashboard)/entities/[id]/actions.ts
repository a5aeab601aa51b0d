"use server";
// Support actions on an entity's page: run a connection's test action, mint and revoke agent (MCP)
// sessions (support and admin). Disable/enable and reconnect links reuse the connection page's actions.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { modelToolName } from "@/lib/actions/model-name";
import { defineAction } from "@/lib/auth/action";
import { testActionFor } from "@/lib/core/apps";
import { getConnection } from "@/lib/core/connections";
import { AppError } from "@/lib/core/errors";
import { executeAction } from "@/lib/core/execute";
import { createToolSession, getToolSession, revokeToolSession } from "@/lib/core/tool-sessions";
import { META_TOOLS, sessionActions } from "@/lib/mcp/tools";
import { mcpUrl } from "@/lib/mcp/url";

/** Who the provider says the token belongs to, from a "get the authenticated user" answer. */
function identityOf(data: Record<string, unknown>): string | null {
  for (const key of ["login", "username", "name", "id"]) {
    const v = data[key];
    if (typeof v === "string" && v) return v.slice(0, 200);
    if (typeof v === "number") return String(v);
  }
  return null;
}

export const runTestActionAction = defineAction(
  "actions.run",
  z.object({ id: z.string().min(1).max(100) }),
  async (ctx, input) => {
    const c = await getConnection(ctx.deps, { projectId: ctx.project.id, id: input.id });
    // The server picks the action from the connection's app: the client names only the connection.
    const action = testActionFor(ctx.deps, c.appKey);
    if (!action) throw new AppError("bad_request", `There is no test action for ${c.appKey}`);
    const r = await executeAction(ctx.deps, {
      projectId: ctx.project.id,
      action,
      connectionId: c.id,
      arguments: {},
      actor: ctx.actor,
      source: "dashboard",
    });
    // Only a short verdict goes back to the browser, never the provider's whole answer.
    return {
      action,
      successful: r.successful,
      httpStatus: r.httpStatus,
      error: r.error,
      identity: r.successful ? identityOf(r.data) : null,
    };
  },
);

export const mintAgentSessionAction = defineAction(
  "actions.run",
  z.object({
    userId: z.string().min(1).max(200),
    toolkits: z.array(z.string().min(1).max(100)).min(1, "Choose at least one toolkit").max(100),
  }),
  async (ctx, input) => {
    const { session, token } = await createToolSession(ctx.deps, {
      projectId: ctx.project.id,
      userId: input.userId,
      toolkits: input.toolkits,
      actor: ctx.actor,
    });
    const first =
      session.mode === "meta"
        ? META_TOOLS.search
        : modelToolName((await sessionActions(ctx.deps, session))[0]?.name ?? "TOOL_NAME");
    revalidatePath(`/entities/${encodeURIComponent(input.userId)}`);
    // The token goes to this operator's browser once; it is stored only as a keyed hash.
    return {
      id: session.id,
      url: mcpUrl(ctx.deps.publicUrl, session.id),
      token,
      mode: session.mode,
      toolCount: session.toolCount,
      firstTool: first,
    };
  },
);

export const revokeAgentSessionAction = defineAction(
  "connections.operate",
  z.object({ id: z.string().min(1).max(100) }),
  async (ctx, input) => {
    // Scoped to the operator's project: another project's session is a not-found.
    const session = await getToolSession(ctx.deps, { projectId: ctx.project.id, id: input.id });
    await revokeToolSession(ctx.deps, { projectId: ctx.project.id, id: session.id });
    revalidatePath(`/entities/${encodeURIComponent(session.userId)}`);
    return { id: session.id };
  },
);
