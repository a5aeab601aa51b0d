// The audit log: every operator and API-key mutation (who, what, when, from where).
import { auditLog } from "@/db/schema";
import type { Actor, Deps } from "./deps";

/** Record one mutation. Never pass secrets in `detail`. */
export async function recordAudit(
  deps: Pick<Deps, "db">,
  entry: {
    projectId: string | null;
    actor: Actor;
    verb: string;
    objectType: string;
    objectId?: string;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  if (entry.actor.type === "end_user") return;
  await deps.db.insert(auditLog).values({
    projectId: entry.projectId,
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    actorLabel: entry.actor.label,
    ip: entry.actor.ip ?? null,
    verb: entry.verb,
    objectType: entry.objectType,
    objectId: entry.objectId ?? null,
    detail: entry.detail ?? null,
  });
}
