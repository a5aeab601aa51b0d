"use server";
// One click: the built-in sandbox's integrations for the current project (admins only; audited).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { addSandboxIntegrations } from "@/lib/core/sandbox-integrations";
import { env } from "@/lib/env";
import { sandboxClient } from "@/lib/server/sandbox";

export const addSandboxAction = defineAction("integrations.manage", z.object({}), async (ctx) => {
  const setup = await addSandboxIntegrations(ctx.deps, {
    projectId: ctx.project.id,
    actor: ctx.actor,
    client: sandboxClient(env()),
  });
  revalidatePath("/apps");
  revalidatePath("/integrations");
  return setup;
});
