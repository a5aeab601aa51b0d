// Erase an entity (the GDPR erasure case): revoke and delete every connection it has, delete its
// execution log, then the entity itself. The audit log keeps that it happened, and by whom.
import { and, eq } from "drizzle-orm";
import { connections, entities, executions } from "@/db/schema";
import { recordAudit } from "./audit";
import { deleteEach } from "./bulk";
import type { Actor, Deps } from "./deps";
import { getEntity } from "./entities";

export interface EraseResult {
  userId: string;
  connectionsDeleted: number;
  /** Connections whose tokens were revoked upstream, and those whose revocation failed. */
  revoked: number;
  revokeFailed: { id: string; error: string }[];
  executionsDeleted: number;
}

/** Erase an entity with all its connections (revoked upstream first) and execution log; 404 when unknown. */
export async function eraseEntity(
  deps: Deps,
  input: { projectId: string; userId: string; actor: Actor },
): Promise<EraseResult> {
  const entity = await getEntity(deps, { projectId: input.projectId, externalId: input.userId });
  const rows = await deps.db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.projectId, input.projectId), eq(connections.entityId, entity.id)));
  const deleted = await deleteEach(deps, {
    projectId: input.projectId,
    ids: rows.map((r) => r.id),
    revoke: true,
    actor: input.actor,
  });
  const logs = await deps.db
    .delete(executions)
    .where(
      and(eq(executions.projectId, input.projectId), eq(executions.entityId, entity.externalId)),
    )
    .returning({ id: executions.id });
  // A connection created meanwhile goes with the entity (ON DELETE CASCADE).
  await deps.db
    .delete(entities)
    .where(and(eq(entities.projectId, input.projectId), eq(entities.id, entity.id)));
  const result: EraseResult = {
    userId: entity.externalId,
    connectionsDeleted: deleted.done.length,
    revoked: deleted.revoked,
    revokeFailed: deleted.revokeFailed,
    executionsDeleted: logs.length,
  };
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: "entity.erase",
    objectType: "entity",
    objectId: entity.externalId,
    detail: {
      from: { connections: result.connectionsDeleted, executions: result.executionsDeleted },
      to: "erased",
      revoked: result.revoked,
      revokeFailed: result.revokeFailed.length,
    },
  });
  return result;
}
