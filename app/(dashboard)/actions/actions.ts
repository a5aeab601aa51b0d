"use server";
// Run an action from the playground as one entity (support and admin; viewers are refused here,
// whatever the page shows them).
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { executeAction } from "@/lib/core/execute";

export const runActionAction = defineAction(
  "actions.run",
  z.object({
    // executeAction checks the entity id's format and the arguments (ajv) with readable messages.
    userId: z.string().trim().min(1, "Entity id is required").max(200),
    action: z.string().trim().min(1, "Choose an action").max(200),
    connectionId: z.string().max(100).optional(),
    arguments: z.record(z.string(), z.unknown()),
  }),
  async (ctx, input) => {
    const started = performance.now();
    const r = await executeAction(ctx.deps, {
      projectId: ctx.project.id,
      action: input.action,
      userId: input.userId,
      connectionId: input.connectionId || undefined,
      arguments: input.arguments,
      actor: ctx.actor,
      source: "dashboard",
    });
    return {
      successful: r.successful,
      error: r.error,
      httpStatus: r.httpStatus,
      // Wall time of the whole run as the operator waited for it (the log records the upstream call).
      durationMs: Math.round(performance.now() - started),
      data: r.data,
      logId: r.logId,
      connectionId: r.connectionId,
    };
  },
);
