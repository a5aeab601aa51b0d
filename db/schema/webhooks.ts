// Signed webhooks (issue 14): endpoints, the outbox of messages, one delivery per (message,
// endpoint) that the workers claim with FOR UPDATE SKIP LOCKED, and every attempt for the log.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { projects } from "./projects";

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: text().primaryKey(), // we_…
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    url: text().notNull(),
    description: text().notNull().default(""),
    /** Public event types it wants (connection.expired, composio.connected_account.expired, …). */
    eventTypes: jsonb()
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    enabled: boolean().notNull().default(true),
    /** Why it was disabled by Keyport (410, failing for 5 days); null when an operator did it. */
    disabledReason: text(),
    disabledAt: timestamp({ withTimezone: true }),
    /** Sealed {secret: "whsec_…"} (bindings.webhookSecret). */
    secretEnc: text().notNull(),
    /** The secret before the last rotation, still signing until previousSecretUntil. */
    previousSecretEnc: text(),
    previousSecretUntil: timestamp({ withTimezone: true }),
    /** First failed attempt of the current failure streak; null after a success. */
    failingSince: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [index().on(t.projectId, t.createdAt)],
);

/** The outbox: one row per event, written in the transaction of the change that caused it. */
export const webhookMessages = pgTable(
  "webhook_messages",
  {
    id: text().primaryKey(), // msg_… (the webhook-id header)
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    type: text().notNull(),
    /** The subject (ca_…, ac_…, we_…); no foreign key, so a deleted connection keeps its events. */
    subjectId: text(),
    /** The exact JSON body that is signed and sent, on every attempt. */
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.projectId, t.createdAt), index().on(t.createdAt)],
);

export const webhookDeliveryStatuses = ["pending", "delivered", "failed", "cancelled"] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text().primaryKey(), // whd_…
    projectId: text().notNull(),
    messageId: text()
      .notNull()
      .references(() => webhookMessages.id, { onDelete: "cascade" }),
    endpointId: text()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    status: text().$type<WebhookDeliveryStatus>().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    /** When a worker may claim it next; null once it is no longer pending. */
    nextAttemptAt: timestamp({ withTimezone: true }),
    lastStatusCode: integer(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("webhook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index().on(t.endpointId, t.createdAt),
    index().on(t.messageId),
  ],
);

export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: text()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    projectId: text().notNull(),
    endpointId: text().notNull(),
    messageId: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    statusCode: integer(),
    latencyMs: integer().notNull(),
    responseExcerpt: text(),
    error: text(),
    nextAttemptAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.deliveryId, t.at), index().on(t.endpointId, t.at)],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookMessage = typeof webhookMessages.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;
