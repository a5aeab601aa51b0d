// The delivery worker's core: claim due deliveries (FOR UPDATE SKIP LOCKED, so N instances never
// claim the same one), post each through the egress guard, record the attempt, schedule the retry.
//
// The queue is the webhook_deliveries table: a pending row with next_attempt_at <= now is due.
// Claiming moves next_attempt_at one lease ahead (CLAIM_LEASE_MS), so a worker that dies mid-post
// leaves the row due again after the lease, and another instance sends it with the same webhook-id.
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { prepared } from "@/db/prepared";
import {
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  webhookMessages,
  type WebhookDeliveryStatus,
  type WebhookEndpoint,
} from "@/db/schema";
import { egressFetch, findEgressError, type EgressPolicy } from "@/lib/egress";
import { recordAudit } from "../audit";
import { bindings } from "../bindings";
import { systemActor, type Deps } from "../deps";
import { unseal } from "../sealed";
import { webhookHeaders } from "./signing";

/** The Standard Webhooks schedule: after the n-th failed attempt, wait RETRY_DELAYS_MS[n-1]. */
export const RETRY_DELAYS_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3600_000,
  5 * 3600_000,
  10 * 3600_000,
  14 * 3600_000,
  20 * 3600_000,
  24 * 3600_000,
];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Longer than a post can take: a claim older than this belonged to a worker that died. */
export const CLAIM_LEASE_MS = 60_000;
/** An endpoint failing this long without a success is disabled. */
export const DISABLE_AFTER_MS = 5 * 24 * 3600_000;
const EXCERPT_CHARS = 500;

export interface DeliverOptions {
  now?: () => Date;
  /** How many deliveries one call claims. */
  limit?: number;
  /** How long a claim holds a delivery (default CLAIM_LEASE_MS). */
  leaseMs?: number;
}

/** A claimed delivery with what sending it needs: its endpoint and its event's signed body. */
export interface Claimed {
  id: string;
  attempts: number;
  messageId: string;
  endpointId: string;
  projectId: string;
  endpoint: WebhookEndpoint;
  body: string;
  type: string;
}

/** Built once per database handle (the worker claims on every wake-up); times as ISO strings. */
function claimStatement(db: Db, name: string) {
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(
      and(
        eq(webhookDeliveries.status, "pending"),
        lte(webhookDeliveries.nextAttemptAt, sql.placeholder("now")),
        eq(webhookEndpoints.enabled, true),
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(sql.placeholder("limit"))
    .for("update", { of: webhookDeliveries, skipLocked: true });
  return (
    // The rule cannot see past .from()/.innerJoin(): the .where() below limits it to the claimed ids.
    // eslint-disable-next-line drizzle/enforce-update-with-where
    db
      .update(webhookDeliveries)
      .set({ nextAttemptAt: sql`${sql.placeholder("leaseUntil")}` })
      // UPDATE … FROM endpoints, messages: a join's ON may not name the updated table, so the
      // conditions that tie them to the delivery are in WHERE.
      .from(webhookEndpoints)
      .innerJoin(webhookMessages, sql`true`)
      .where(
        and(
          inArray(webhookDeliveries.id, due),
          eq(webhookEndpoints.id, webhookDeliveries.endpointId),
          eq(webhookMessages.id, webhookDeliveries.messageId),
        ),
      )
      .returning({
        id: webhookDeliveries.id,
        attempts: webhookDeliveries.attempts,
        messageId: webhookDeliveries.messageId,
        endpointId: webhookDeliveries.endpointId,
        projectId: webhookDeliveries.projectId,
        endpoint: webhookEndpoints,
        body: webhookMessages.body,
        type: webhookMessages.type,
      })
      .prepare(name)
  );
}

/**
 * Claim up to `limit` due deliveries of enabled endpoints; each is leased to this worker. One
 * statement: the rows are picked FOR UPDATE SKIP LOCKED, moved one lease ahead together, and
 * returned with their endpoints and events.
 */
export async function claimDue(
  deps: Pick<Deps, "db">,
  now: Date,
  limit: number,
  leaseMs = CLAIM_LEASE_MS,
): Promise<Claimed[]> {
  return prepared(deps.db, "claim_webhook_deliveries", claimStatement).execute({
    now: now.toISOString(),
    limit,
    leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
  });
}

/** Seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

interface Outcome {
  statusCode: number | null;
  latencyMs: number;
  excerpt: string | null;
  error: string | null;
  retryAfter: number | null;
}

async function post(
  deps: Pick<Deps, "allowLoopbackEgress">,
  url: string,
  headers: Record<string, string>,
  body: string,
  now: () => Date,
): Promise<Outcome> {
  const policy: EgressPolicy = {
    allowLoopback: deps.allowLoopbackEgress,
    timeoutMs: DELIVERY_TIMEOUT_MS,
    maxResponseBytes: 64 * 1024,
  };
  const started = performance.now();
  try {
    const res = await egressFetch(
      url,
      { method: "POST", headers, body, redirect: "manual" },
      policy,
    );
    const text = res.text();
    return {
      statusCode: res.status,
      latencyMs: Math.round(performance.now() - started),
      excerpt: text.slice(0, EXCERPT_CHARS) || null,
      error: res.status >= 300 && res.status < 400 ? "redirects are not followed" : null,
      retryAfter: retryAfterMs(res.headers["retry-after"], now()),
    };
  } catch (err) {
    const known = findEgressError(err);
    return {
      statusCode: null,
      latencyMs: Math.round(performance.now() - started),
      excerpt: null,
      error: known ? known.message : "the request failed",
      retryAfter: null,
    };
  }
}

/** Opened endpoint secrets by keyring, then by field, endpoint and ciphertext (a new one is a new key). */
const openedSecrets = new WeakMap<Deps["keyring"], Map<string, string>>();
const MAX_OPENED_SECRETS = 1024;

/** An endpoint secret, decrypted once per ciphertext (every delivery to the endpoint signs with it). */
function openSecret(
  deps: Pick<Deps, "keyring">,
  endpointId: string,
  field: "secret" | "previous_secret",
  enc: string,
): string {
  let opened = openedSecrets.get(deps.keyring);
  if (!opened) openedSecrets.set(deps.keyring, (opened = new Map<string, string>()));
  const key = `${field}\u0000${endpointId}\u0000${enc}`;
  let secret = opened.get(key);
  if (secret === undefined) {
    secret = unseal(deps, bindings.webhookSecret(endpointId, field), enc).secret!;
    if (opened.size >= MAX_OPENED_SECRETS) opened.clear();
    opened.set(key, secret);
  }
  return secret;
}

/** The secrets that sign a message now: the current one, and the previous one during its overlap. */
function signingSecrets(deps: Pick<Deps, "keyring">, e: WebhookEndpoint, now: Date): string[] {
  const out = [openSecret(deps, e.id, "secret", e.secretEnc)];
  if (e.previousSecretEnc && e.previousSecretUntil && e.previousSecretUntil > now)
    out.push(openSecret(deps, e.id, "previous_secret", e.previousSecretEnc));
  return out;
}

type DeliveryResult = "delivered" | "retry" | "failed" | "skipped";

/** Start sending claimed deliveries (claimDue read what they need); one promise per delivery. */
export function sendClaimed(
  deps: Pick<Deps, "db" | "keyring" | "allowLoopbackEgress">,
  claimed: readonly Claimed[],
  now: () => Date = () => new Date(),
): Array<Promise<DeliveryResult>> {
  return claimed.map((c) => sendOne(deps, c, now));
}

/** Send one claimed delivery and record what happened. */
async function sendOne(
  deps: Pick<Deps, "db" | "keyring" | "allowLoopbackEgress">,
  claimed: Claimed,
  now: () => Date,
): Promise<DeliveryResult> {
  if (!claimed.endpoint.enabled) return "skipped";
  const sentAt = now();
  // The header carries the wall clock (receivers check it); `now` moves only the schedule.
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = webhookHeaders(
    signingSecrets(deps, claimed.endpoint, sentAt),
    claimed.messageId,
    timestamp,
    claimed.body,
    { composio: claimed.type.startsWith("composio.") },
  );
  const outcome = await post(deps, claimed.endpoint.url, headers, claimed.body, now);
  const done = now();
  const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  const gone = outcome.statusCode === 410;
  const attempts = claimed.attempts + 1;
  const failingSince = claimed.endpoint.failingSince ?? done;
  const tooLong = !ok && done.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS;
  const giveUp = ok || gone || attempts >= MAX_ATTEMPTS;
  const delay = Math.max(
    RETRY_DELAYS_MS[attempts - 1] ?? 0,
    Math.min(outcome.retryAfter ?? 0, 24 * 3600_000),
  );
  const nextAttemptAt = giveUp ? null : new Date(done.getTime() + delay);
  const status: WebhookDeliveryStatus = ok ? "delivered" : giveUp ? "failed" : "pending";
  const reason = ok
    ? null
    : gone
      ? "The endpoint answered 410 Gone"
      : tooLong
        ? "Every delivery failed for 5 days"
        : null;
  // What the endpoint's row must change: a failing streak begins or ends, or it is disabled.
  const endpointChange = ok
    ? claimed.endpoint.failingSince
      ? { failingSince: null }
      : null
    : reason
      ? { failingSince, enabled: false, disabledReason: reason, disabledAt: done }
      : claimed.endpoint.failingSince
        ? null
        : { failingSince };
  const attempt = {
    deliveryId: claimed.id,
    projectId: claimed.projectId,
    endpointId: claimed.endpointId,
    messageId: claimed.messageId,
    at: sentAt,
    statusCode: outcome.statusCode,
    latencyMs: outcome.latencyMs,
    responseExcerpt: outcome.excerpt,
    error: outcome.error,
    nextAttemptAt,
  };
  const delivery = {
    status,
    attempts,
    nextAttemptAt,
    lastStatusCode: outcome.statusCode,
    lastError: outcome.error,
    deliveredAt: ok ? done : null,
  };
  if (!endpointChange) {
    // The usual case in one statement (one round trip): the attempt goes in by a data-modifying
    // WITH, which Postgres runs whether or not the UPDATE reads it; both or neither are written.
    const inserted = deps.db
      .$with("attempt")
      .as(deps.db.insert(webhookAttempts).values(attempt).returning({ id: webhookAttempts.id }));
    await deps.db
      .with(inserted)
      .update(webhookDeliveries)
      .set(delivery)
      .where(eq(webhookDeliveries.id, claimed.id));
    return ok ? "delivered" : giveUp ? "failed" : "retry";
  }
  await deps.db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values(attempt);
    await tx.update(webhookDeliveries).set(delivery).where(eq(webhookDeliveries.id, claimed.id));
    await tx
      .update(webhookEndpoints)
      .set(endpointChange)
      .where(eq(webhookEndpoints.id, claimed.endpointId));
    if (reason) {
      await recordAudit(
        { db: tx },
        {
          projectId: claimed.projectId,
          actor: systemActor,
          verb: "webhook_endpoint.disable",
          objectType: "webhook_endpoint",
          objectId: claimed.endpointId,
          detail: { reason },
        },
      );
    }
  });
  return ok ? "delivered" : giveUp ? "failed" : "retry";
}

/** Claim and send one batch; returns how many were claimed (0: nothing due). */
export async function deliverDue(
  deps: Pick<Deps, "db" | "keyring" | "allowLoopbackEgress">,
  opts: DeliverOptions = {},
): Promise<number> {
  const now = opts.now ?? (() => new Date());
  const claimed = await claimDue(deps, now(), opts.limit ?? 20, opts.leaseMs);
  await Promise.all(sendClaimed(deps, claimed, now));
  return claimed.length;
}

/** Retention: delete events older than `days` (their deliveries and attempts go with them). */
export async function deleteOldWebhookMessages(
  deps: Pick<Deps, "db">,
  days: number,
  now: Date = new Date(),
): Promise<number> {
  const before = new Date(now.getTime() - days * 24 * 3600_000);
  const gone = await deps.db
    .delete(webhookMessages)
    .where(lte(webhookMessages.createdAt, before))
    .returning({ id: webhookMessages.id });
  return gone.length;
}
