"use server";
// Operate connections from the dashboard (support and admin): create with a connect link,
// disable/enable, issue a reconnect link, delete (revoking upstream first).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { setConnectionEnabled } from "@/lib/core/connections";
import { deleteConnection } from "@/lib/core/delete";
import { createReconnectLink, initiateConnection } from "@/lib/core/initiate";

const id = z.string().min(1).max(100);

export const createConnectionAction = defineAction(
  "connections.operate",
  // initiateConnection checks the entity id's format with a readable message.
  z.object({
    userId: z.string().trim().min(1, "Entity id is required").max(200),
    integrationId: id,
  }),
  async (ctx, input) => {
    const { connection, link } = await initiateConnection(ctx.deps, {
      projectId: ctx.project.id,
      userId: input.userId,
      integrationId: input.integrationId,
      actor: ctx.actor,
    });
    revalidatePath("/connections");
    revalidatePath("/entities", "layout");
    return {
      id: connection.id,
      entityId: connection.entityId,
      status: connection.status,
      link: link
        ? { redirectUrl: link.redirectUrl, expiresAt: link.expiresAt.toISOString() }
        : null,
    };
  },
);

export const setConnectionEnabledAction = defineAction(
  "connections.operate",
  z.object({ id, enabled: z.boolean() }),
  async (ctx, input) => {
    const c = await setConnectionEnabled(ctx.deps, {
      projectId: ctx.project.id,
      id: input.id,
      enabled: input.enabled,
      actor: ctx.actor,
    });
    revalidatePath(`/connections/${c.id}`);
    return { status: c.status, enabled: c.enabled };
  },
);

export const createReconnectLinkAction = defineAction(
  "connections.operate",
  z.object({ id }),
  async (ctx, input) => {
    const link = await createReconnectLink(ctx.deps, {
      projectId: ctx.project.id,
      id: input.id,
      actor: ctx.actor,
    });
    revalidatePath(`/connections/${input.id}`);
    return { redirectUrl: link.redirectUrl, expiresAt: link.expiresAt.toISOString() };
  },
);

// No revalidatePath: it would re-render the page of the connection just deleted (a 404) in
// place of the result; the lists are rendered fresh on every request anyway.
export const deleteConnectionAction = defineAction(
  "connections.operate",
  z.object({ id }),
  async (ctx, input) => {
    const result = await deleteConnection(ctx.deps, {
      projectId: ctx.project.id,
      id: input.id,
      revoke: true,
      actor: ctx.actor,
    });
    return { revoked: result.revoked, revokeError: result.revokeError ?? null };
  },
);
