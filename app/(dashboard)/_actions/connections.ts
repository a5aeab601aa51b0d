"use server";
// Operate connections from the dashboard (support and admin): create with a connect link,
// disable/enable, issue a reconnect link, delete (revoking upstream first); the same for many at
// once, stale ones older than N days, and an entity's erasure.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { BULK_MAX_IDS, bulkDelete, bulkSetEnabled, deleteStale, staleKinds } from "@/lib/core/bulk";
import { setConnectionEnabled } from "@/lib/core/connections";
import { deleteConnection } from "@/lib/core/delete";
import { eraseEntity } from "@/lib/core/erase";
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

const ids = z.array(id).min(1, "Choose at least one connection").max(BULK_MAX_IDS);

/** Disable, enable or delete the selected connections (deletes revoke upstream first). */
export const bulkConnectionsAction = defineAction(
  "connections.operate",
  z.object({ ids, op: z.enum(["disable", "enable", "delete"]) }),
  async (ctx, input) => {
    const base = { projectId: ctx.project.id, ids: input.ids, actor: ctx.actor };
    const out =
      input.op === "delete"
        ? await bulkDelete(ctx.deps, { ...base, revoke: true })
        : await bulkSetEnabled(ctx.deps, { ...base, enabled: input.op === "enable" });
    revalidatePath("/connections");
    return {
      done: out.done.length,
      notFound: out.notFound.length,
      revokeFailed: out.revokeFailed?.length ?? 0,
    };
  },
);

/** Delete abandoned connect links or EXPIRED connections untouched for N days (a batch at a time). */
export const deleteStaleConnectionsAction = defineAction(
  "connections.operate",
  z.object({ kind: z.enum(staleKinds), olderThanDays: z.coerce.number().int().min(0).max(3650) }),
  async (ctx, input) => {
    const out = await deleteStale(ctx.deps, {
      ...input,
      projectId: ctx.project.id,
      actor: ctx.actor,
    });
    revalidatePath("/connections");
    return {
      deleted: out.done.length,
      more: out.more,
      revokeFailed: out.revokeFailed?.length ?? 0,
    };
  },
);

/** Erase an entity: revoke and delete its connections, delete its execution log and the entity. */
export const eraseEntityAction = defineAction(
  "connections.operate",
  z.object({ userId: z.string().min(1).max(200) }),
  async (ctx, input) => {
    const out = await eraseEntity(ctx.deps, {
      projectId: ctx.project.id,
      userId: input.userId,
      actor: ctx.actor,
    });
    return {
      connectionsDeleted: out.connectionsDeleted,
      revoked: out.revoked,
      revokeFailed: out.revokeFailed.length,
      executionsDeleted: out.executionsDeleted,
    };
  },
);
