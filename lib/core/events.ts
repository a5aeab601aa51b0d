// The connection timeline support staff read: every transition writes one event (who, what, why).
import { connectionEvents } from "@/db/schema";
import type { Db } from "@/db";
import type { Actor } from "./deps";

export type EventType =
  | "initiated"
  | "link_created"
  | "authorization_started"
  | "connected"
  | "reconnected"
  | "account_changed"
  | "failed"
  | "expired"
  | "disabled"
  | "enabled"
  | "refreshed"
  | "refresh_failed"
  | "credentials_updated"
  | "revoked"
  | "revoke_failed"
  | "deleted";

/** Append one event to a connection's timeline. */
export async function recordEvent(
  db: Pick<Db, "insert">,
  input: {
    connectionId: string;
    projectId: string;
    type: EventType;
    actor: Actor;
    detail?: string;
  },
): Promise<void> {
  await db.insert(connectionEvents).values({
    connectionId: input.connectionId,
    projectId: input.projectId,
    type: input.type,
    actor: input.actor.label,
    detail: input.detail ?? null,
  });
}
