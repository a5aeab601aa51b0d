// Webhook endpoints of a project: a URL, the event types it wants, its own signing secret
// (whsec_…, sealed, shown once), rotation with a 24-hour overlap, enable/disable.
import { and, desc, eq } from "drizzle-orm";
import { webhookEndpoints, type WebhookEndpoint } from "@/db/schema";
import { checkUrl, findEgressError } from "@/lib/egress";
import { recordAudit } from "../audit";
import { bindings } from "../bindings";
import type { Actor, Deps } from "../deps";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import { seal, unseal } from "../sealed";
import { isWebhookEventType, type WebhookEventType } from "./event-types";
import { newWebhookSecret } from "./signing";

/** How long the secret before a rotation keeps signing. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;

/** What any face may show of an endpoint: never the secret. */
export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  /** Until when the secret before the last rotation still signs (null: no overlap running). */
  previousSecretUntil: Date | null;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function endpointView(e: WebhookEndpoint, now = new Date()): WebhookEndpointView {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes as WebhookEventType[],
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    disabledAt: e.disabledAt,
    previousSecretUntil:
      e.previousSecretUntil && e.previousSecretUntil > now ? e.previousSecretUntil : null,
    failingSince: e.failingSince,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

/** A URL Keyport may post to: https (http only where loopback egress is allowed), no credentials, no private address. */
export function checkEndpointUrl(deps: Pick<Deps, "allowLoopbackEgress">, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError("bad_request", "url: not a valid URL");
  }
  if (!deps.allowLoopbackEgress && url.protocol !== "https:") {
    throw new AppError("bad_request", "url: must be https");
  }
  try {
    checkUrl(url, { allowLoopback: deps.allowLoopbackEgress });
  } catch (err) {
    const known = findEgressError(err);
    if (known) throw new AppError("bad_request", `url: ${known.message}`);
    throw err;
  }
  url.hash = "";
  return url.href;
}

/** Known event types, deduplicated; an unknown one is refused by name. */
export function checkEventTypes(types: string[]): WebhookEventType[] {
  const unknown = types.filter((t) => !isWebhookEventType(t));
  if (unknown.length) {
    throw new AppError("bad_request", `Unknown event type(s): ${unknown.join(", ")}`);
  }
  if (!types.length) throw new AppError("bad_request", "event types: choose at least one");
  return [...new Set(types)] as WebhookEventType[];
}

async function getRow(
  deps: Pick<Deps, "db">,
  input: { projectId: string; id: string },
): Promise<WebhookEndpoint> {
  const [row] = await deps.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.projectId, input.projectId), eq(webhookEndpoints.id, input.id)));
  if (!row) throw notFound("Webhook endpoint");
  return row;
}

export async function getWebhookEndpoint(
  deps: Pick<Deps, "db">,
  input: { projectId: string; id: string },
): Promise<WebhookEndpointView> {
  return endpointView(await getRow(deps, input));
}

/** A project's endpoints, newest first. */
export async function listWebhookEndpoints(
  deps: Pick<Deps, "db">,
  input: { projectId: string },
): Promise<WebhookEndpointView[]> {
  const rows = await deps.db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.projectId, input.projectId))
    .orderBy(desc(webhookEndpoints.createdAt));
  return rows.map((r) => endpointView(r));
}

/** Create an endpoint; the secret is returned this once. */
export async function createWebhookEndpoint(
  deps: Pick<Deps, "db" | "keyring" | "allowLoopbackEgress">,
  input: {
    projectId: string;
    url: string;
    description?: string;
    eventTypes: string[];
    enabled?: boolean;
    actor: Actor;
  },
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const url = checkEndpointUrl(deps, input.url);
  const eventTypes = checkEventTypes(input.eventTypes);
  const id = newId("we");
  const secret = newWebhookSecret();
  const [row] = await deps.db
    .insert(webhookEndpoints)
    .values({
      id,
      projectId: input.projectId,
      url,
      description: input.description?.trim() ?? "",
      eventTypes,
      enabled: input.enabled ?? true,
      secretEnc: seal(deps, bindings.webhookSecret(id), { secret }),
    })
    .returning();
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: "webhook_endpoint.create",
    objectType: "webhook_endpoint",
    objectId: id,
    detail: { url, eventTypes },
  });
  return { endpoint: endpointView(row!), secret };
}

/** Change an endpoint; enabling it again clears Keyport's reason for disabling it. */
export async function updateWebhookEndpoint(
  deps: Pick<Deps, "db" | "allowLoopbackEgress">,
  input: {
    projectId: string;
    id: string;
    url?: string;
    description?: string;
    eventTypes?: string[];
    enabled?: boolean;
    actor: Actor;
  },
): Promise<WebhookEndpointView> {
  await getRow(deps, input);
  const patch: Partial<WebhookEndpoint> = {};
  if (input.url !== undefined) patch.url = checkEndpointUrl(deps, input.url);
  if (input.description !== undefined) patch.description = input.description.trim();
  if (input.eventTypes !== undefined) patch.eventTypes = checkEventTypes(input.eventTypes);
  if (input.enabled !== undefined) {
    patch.enabled = input.enabled;
    if (input.enabled)
      Object.assign(patch, { disabledReason: null, disabledAt: null, failingSince: null });
    else Object.assign(patch, { disabledReason: null, disabledAt: new Date() });
  }
  if (!Object.keys(patch).length) {
    throw new AppError(
      "bad_request",
      "Nothing to update: send url, description, event types or enabled",
    );
  }
  const [row] = await deps.db
    .update(webhookEndpoints)
    .set(patch)
    .where(and(eq(webhookEndpoints.projectId, input.projectId), eq(webhookEndpoints.id, input.id)))
    .returning();
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: "webhook_endpoint.update",
    objectType: "webhook_endpoint",
    objectId: input.id,
    detail: { fields: Object.keys(patch) },
  });
  return endpointView(row!);
}

export async function deleteWebhookEndpoint(
  deps: Pick<Deps, "db">,
  input: { projectId: string; id: string; actor: Actor },
): Promise<void> {
  await getRow(deps, input);
  await deps.db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.projectId, input.projectId), eq(webhookEndpoints.id, input.id)));
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: "webhook_endpoint.delete",
    objectType: "webhook_endpoint",
    objectId: input.id,
  });
}

/** A new secret, returned this once; the old one keeps signing (second signature) for 24 hours. */
export async function rotateWebhookSecret(
  deps: Pick<Deps, "db" | "keyring">,
  input: { projectId: string; id: string; actor: Actor; now?: Date },
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const row = await getRow(deps, input);
  const now = input.now ?? new Date();
  const secret = newWebhookSecret();
  const old = unseal(deps, bindings.webhookSecret(row.id), row.secretEnc);
  const [updated] = await deps.db
    .update(webhookEndpoints)
    .set({
      secretEnc: seal(deps, bindings.webhookSecret(row.id), { secret }),
      previousSecretEnc: seal(deps, bindings.webhookSecret(row.id, "previous_secret"), old),
      previousSecretUntil: new Date(now.getTime() + ROTATION_OVERLAP_MS),
    })
    .where(eq(webhookEndpoints.id, row.id))
    .returning();
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: "webhook_endpoint.rotate_secret",
    objectType: "webhook_endpoint",
    objectId: row.id,
  });
  return { endpoint: endpointView(updated!, now), secret };
}
