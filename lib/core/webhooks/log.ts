// The delivery log: every attempt (status, latency, response excerpt, next attempt), per endpoint
// and per event; "send test event" and "replay" (a new delivery of the same message: same webhook-id).
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  webhookAttempts,
  webhookDeliveries,
  webhookMessages,
  type WebhookDeliveryStatus,
} from "@/db/schema";
import type { Actor, Deps } from "../deps";
import { notFound } from "../errors";
import { newId } from "../ids";
import { getWebhookEndpoint } from "./endpoints";
import { publicActor } from "./connection-events";
import { enqueueWebhook, WEBHOOK_CHANNEL } from "./outbox";

export interface WebhookAttemptView {
  at: Date;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
  nextAttemptAt: Date | null;
}

export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  messageId: string;
  eventType: string;
  subjectId: string | null;
  status: WebhookDeliveryStatus;
  attempts: WebhookAttemptView[];
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** Deliveries, newest first, with their attempts: of one endpoint, or of one event (message). */
export async function listWebhookDeliveries(
  deps: Pick<Deps, "db">,
  input: { projectId: string; endpointId?: string; messageId?: string; limit?: number },
): Promise<WebhookDeliveryView[]> {
  const rows = await deps.db
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      messageId: webhookDeliveries.messageId,
      eventType: webhookMessages.type,
      subjectId: webhookMessages.subjectId,
      status: webhookDeliveries.status,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      createdAt: webhookDeliveries.createdAt,
      deliveredAt: webhookDeliveries.deliveredAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.messageId))
    .where(
      and(
        eq(webhookDeliveries.projectId, input.projectId),
        input.endpointId ? eq(webhookDeliveries.endpointId, input.endpointId) : undefined,
        input.messageId ? eq(webhookDeliveries.messageId, input.messageId) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(Math.min(input.limit ?? 50, 200));
  const attempts = rows.length
    ? await deps.db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(webhookAttempts.at), asc(webhookAttempts.id))
    : [];
  return rows.map((r) => ({
    ...r,
    attempts: attempts
      .filter((a) => a.deliveryId === r.id)
      .map((a) => ({
        at: a.at,
        statusCode: a.statusCode,
        latencyMs: a.latencyMs,
        responseExcerpt: a.responseExcerpt,
        error: a.error,
        nextAttemptAt: a.nextAttemptAt,
      })),
  }));
}

/** Send a webhook.test event to one endpoint (whatever types it wants). Returns the message id. */
export async function sendTestWebhook(
  deps: Pick<Deps, "db">,
  input: { projectId: string; endpointId: string; actor: Actor },
): Promise<string> {
  const endpoint = await getWebhookEndpoint(deps, {
    projectId: input.projectId,
    id: input.endpointId,
  });
  const ids = await deps.db.transaction((tx) =>
    enqueueWebhook(tx, {
      projectId: input.projectId,
      type: "webhook.test",
      subjectId: endpoint.id,
      endpointIds: [endpoint.id],
      data: () => ({
        endpoint_id: endpoint.id,
        actor: publicActor(input.actor),
        reason: "test event",
      }),
    }),
  );
  if (!ids[0]) throw notFound("Webhook endpoint"); // disabled endpoints take no test event
  return ids[0];
}

/** Send a delivered or failed message again to the same endpoint (a new delivery, the same webhook-id). */
export async function replayWebhookDelivery(
  deps: Pick<Deps, "db">,
  input: { projectId: string; deliveryId: string },
): Promise<string> {
  const [row] = await deps.db
    .select({ messageId: webhookDeliveries.messageId, endpointId: webhookDeliveries.endpointId })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.projectId, input.projectId),
        eq(webhookDeliveries.id, input.deliveryId),
      ),
    );
  if (!row) throw notFound("Webhook delivery");
  const id = newId("whd");
  await deps.db.transaction(async (tx) => {
    await tx.insert(webhookDeliveries).values({
      id,
      projectId: input.projectId,
      messageId: row.messageId,
      endpointId: row.endpointId,
      nextAttemptAt: new Date(),
    });
    await tx.execute(sql`select pg_notify(${WEBHOOK_CHANNEL}, '')`);
  });
  return id;
}
