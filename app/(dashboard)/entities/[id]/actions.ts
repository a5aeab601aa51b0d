"use server";
// Support actions on an entity's page: run a connection's test action (support and admin).
// Disable/enable and reconnect links reuse the connection page's actions.
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { testActionFor } from "@/lib/core/apps";
import { getConnection } from "@/lib/core/connections";
import { AppError } from "@/lib/core/errors";
import { executeAction } from "@/lib/core/execute";

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
