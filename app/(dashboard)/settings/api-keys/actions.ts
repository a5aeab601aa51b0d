"use server";
// Create and revoke the project's API keys (admins only). The full key is returned once.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { createApiKey, revokeApiKey } from "@/lib/core/api-keys";

export const createApiKeyAction = defineAction(
  "api_keys.manage",
  z.object({ name: z.string().max(500) }),
  async (ctx, input) => {
    // createApiKey validates the name (1–100 characters) with a readable message.
    const { key, apiKey } = await createApiKey(ctx.deps, {
      projectId: ctx.project.id,
      name: input.name,
      actor: ctx.actor,
    });
    revalidatePath("/settings/api-keys");
    return { key, id: apiKey.id, name: apiKey.name };
  },
);

export const revokeApiKeyAction = defineAction(
  "api_keys.manage",
  z.object({ id: z.string().min(1).max(100) }),
  async (ctx, input) => {
    await revokeApiKey(ctx.deps, {
      projectId: ctx.project.id,
      id: input.id,
      actor: ctx.actor,
    });
    revalidatePath("/settings/api-keys");
    return null;
  },
);
