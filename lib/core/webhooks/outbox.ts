// The outbox: an event is written in the transaction of the change that caused it, with one
// pending delivery per enabled endpoint that wants it, and announced at commit (pg_notify) so
// every instance's worker wakes at once (lib/server/webhook-worker.ts).
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookDeliveries, webhookEndpoints, webhookMessages } from "@/db/schema";
import { newId } from "../ids";
import { COMPOSIO_NAMES, type WebhookEventType } from "./event-types";

export const WEBHOOK_CHANNEL = "keyport_webhooks";

/** A database handle or a transaction (both can insert, select and execute). */
export type DbOrTx = Pick<
  Db,
  "insert" | "select" | "execute" | "update" | "delete" | "$with" | "with"
>;

/** What an event says: `data` is built only when an endpoint wants the event. */
export interface OutboxEvent {
  projectId: string;
  type: WebhookEventType;
  subjectId?: string | null;
  data: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Composio's V3 `data` (the connected account), for the Composio-named twin. */
  composioData?: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Only these endpoints (send test event); default: every enabled endpoint that wants it. */
  endpointIds?: string[];
  at?: Date;
}

/** Enabled endpoints of a project that want `type`. */
async function wanting(
  db: DbOrTx,
  projectId: string,
  type: WebhookEventType,
  only?: string[],
): Promise<string[]> {
  const rows = await db
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.projectId, projectId), eq(webhookEndpoints.enabled, true)));
  if (only) return rows.filter((r) => only.includes(r.id)).map((r) => r.id);
  return rows.filter((r) => r.eventTypes.includes(type)).map((r) => r.id);
}

async function insertMessage(
  db: DbOrTx,
  input: { projectId: string; type: string; subjectId: string | null; at: Date },
  endpointIds: string[],
  payload: (id: string, timestamp: string) => Record<string, unknown>,
): Promise<string> {
  const id = newId("msg", 24);
  const body = JSON.stringify(payload(id, input.at.toISOString()));
  // One statement (one round trip inside the change's transaction): the event, its deliveries
  // (checked against the event by their foreign key at the statement's end), and the NOTIFY that
  // wakes the workers at commit (Postgres sends one per transaction for the same payload).
  const message = db.$with("message").as(
    db
      .insert(webhookMessages)
      .values({
        id,
        projectId: input.projectId,
        type: input.type,
        subjectId: input.subjectId,
        body,
        createdAt: input.at,
      })
      .returning({ id: webhookMessages.id }),
  );
  const deliveries = db.$with("deliveries").as(
    db
      .insert(webhookDeliveries)
      .values(
        endpointIds.map((endpointId) => ({
          id: newId("whd"),
          projectId: input.projectId,
          messageId: id,
          endpointId,
          nextAttemptAt: input.at,
        })),
      )
      .returning({ id: webhookDeliveries.id }),
  );
  await db
    .with(message, deliveries)
    .select({ notified: sql`pg_notify(${WEBHOOK_CHANNEL}, '')` })
    .from(message);
  return id;
}

/** Write an event (and its Composio-named twin) for every endpoint that wants it. Returns message ids. */
export async function enqueueWebhook(db: DbOrTx, event: OutboxEvent): Promise<string[]> {
  const at = event.at ?? new Date();
  const subjectId = event.subjectId ?? null;
  const ids: string[] = [];
  const targets = await wanting(db, event.projectId, event.type, event.endpointIds);
  if (targets.length) {
    const data = await event.data();
    ids.push(
      await insertMessage(db, { ...event, subjectId, at }, targets, (_id, timestamp) => ({
        type: event.type,
        timestamp,
        data,
      })),
    );
  }
  const twin = COMPOSIO_NAMES[event.type];
  const twinTargets = twin && event.composioData ? await wanting(db, event.projectId, twin) : [];
  if (twin && event.composioData && twinTargets.length) {
    const data = await event.composioData();
    ids.push(
      await insertMessage(
        db,
        { projectId: event.projectId, type: twin, subjectId, at },
        twinTargets,
        (id, timestamp) => ({
          id,
          timestamp,
          type: twin,
          metadata: { project_id: event.projectId, org_id: event.projectId },
          data,
        }),
      ),
    );
  }
  return ids;
}
