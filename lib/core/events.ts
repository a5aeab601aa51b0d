// The connection timeline support staff read: every transition writes one event (who, what, why).
import { connectionEvents } from "@/db/schema";
import type { Actor } from "./deps";
import { publishConnectionEvent } from "./webhooks/connection-events";
import type { DbOrTx } from "./webhooks/outbox";

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
  | "check_failed"
  | "check_passed"
  | "credentials_updated"
  | "revoked"
  | "revoke_failed"
  | "deleted";

/** Append one event to a connection's timeline and enqueue its webhooks (same transaction). */
export async function recordEvent(
  db: DbOrTx,
  input: {
    connectionId: string;
    projectId: string;
    type: EventType;
    actor: Actor;
    detail?: string;
    /** A refresh that worked after failed ones (publishes connection.recovered too). */
    recovered?: boolean;
  },
): Promise<void> {
  await db.insert(connectionEvents).values({
    connectionId: input.connectionId,
    projectId: input.projectId,
    type: input.type,
    actor: input.actor.label,
    detail: input.detail ?? null,
  });
  await publishConnectionEvent(db, input);
}
