// Composio's webhook subscription routes (/api/v3.1/webhook_subscriptions) over Keyport's webhook
// endpoints: declarations (schemas, responses) for the operation table and the wire mapper.
import { z } from "zod";
import { webhookEventTypes, WEBHOOK_EVENT_TYPES } from "@/lib/core/webhooks/event-types";
import type { WebhookEndpointView } from "@/lib/core/webhooks/endpoints";
import { operation } from "./operation";
import { page, success } from "./v3-responses";

const V3 = "/api/v3.1";

const events = z.array(z.string().min(1).max(100)).max(50);
const version = z.enum(["V3"], { message: "version: Keyport sends V3 payloads only" });

export const createWebhookSubscriptionBody = z.object({
  webhook_url: z.string().min(1).max(2000),
  enabled_events: events.default(["composio.trigger.message"]),
  version: version.default("V3"),
  description: z.string().max(500).optional(),
});

export const updateWebhookSubscriptionBody = z.object({
  webhook_url: z.string().min(1).max(2000).optional(),
  enabled_events: events.optional(),
  version: version.optional(),
  description: z.string().max(500).optional(),
  enabled: z.boolean().optional(),
});

export const webhookSubscription = z.object({
  id: z.string(),
  webhook_url: z.string(),
  version: z.literal("V3"),
  enabled_events: z.array(z.string()),
  description: z.string(),
  enabled: z.boolean(),
  disabled_reason: z.string().nullable(),
  /** Only in the answers to create and rotate_secret: shown once. */
  secret: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const webhookEventTypeList = z.object({
  items: z.array(z.object({ event_type: z.string(), description: z.string() })),
});

/** An endpoint in Composio's subscription shape (the secret only when just made). */
export function webhookSubscriptionV3(
  e: WebhookEndpointView,
  secret?: string,
): z.input<typeof webhookSubscription> {
  return {
    id: e.id,
    webhook_url: e.url,
    version: "V3",
    enabled_events: e.eventTypes,
    description: e.description,
    enabled: e.enabled,
    disabled_reason: e.disabledReason,
    ...(secret ? { secret } : {}),
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

export const eventTypesV3 = () => ({
  items: webhookEventTypes.map((t) => ({ event_type: t, description: WEBHOOK_EVENT_TYPES[t] })),
});

const TAG = "Webhooks";

export const listWebhookSubscriptions = operation({
  method: "get",
  path: `${V3}/webhook_subscriptions`,
  id: "listWebhookSubscriptions",
  tag: TAG,
  summary: "List the project's webhook endpoints",
  response: page(webhookSubscription),
  responseNote: "A page of subscriptions (never their secrets).",
});

export const createWebhookSubscription = operation({
  method: "post",
  path: `${V3}/webhook_subscriptions`,
  id: "createWebhookSubscription",
  tag: TAG,
  summary: "Create a webhook endpoint; its signing secret (whsec_…) is in this answer only",
  body: ["CreateWebhookSubscriptionRequest", createWebhookSubscriptionBody],
  response: webhookSubscription,
  status: 201,
  responseNote: "The subscription with `secret`, shown once.",
});

export const listWebhookEventTypes = operation({
  method: "get",
  path: `${V3}/webhook_subscriptions/event_types`,
  id: "listWebhookEventTypes",
  tag: TAG,
  summary: "The event types an endpoint can subscribe to",
  response: webhookEventTypeList,
  responseNote: "`{items: [{event_type, description}]}`.",
});

export const getWebhookSubscription = operation({
  method: "get",
  path: `${V3}/webhook_subscriptions/{id}`,
  id: "getWebhookSubscription",
  tag: TAG,
  summary: "Get one webhook endpoint",
  response: webhookSubscription,
  responseNote: "The subscription (never its secret).",
});

export const updateWebhookSubscription = operation({
  method: "patch",
  path: `${V3}/webhook_subscriptions/{id}`,
  id: "updateWebhookSubscription",
  tag: TAG,
  summary: "Change a webhook endpoint's URL, events, description or enabled state",
  body: ["UpdateWebhookSubscriptionRequest", updateWebhookSubscriptionBody],
  response: webhookSubscription,
  responseNote: "The subscription as it is now.",
});

export const deleteWebhookSubscription = operation({
  method: "delete",
  path: `${V3}/webhook_subscriptions/{id}`,
  id: "deleteWebhookSubscription",
  tag: TAG,
  summary: "Delete a webhook endpoint and its delivery log",
  response: success,
  responseNote: "`{success: true}`.",
});

export const rotateWebhookSubscriptionSecret = operation({
  method: "post",
  path: `${V3}/webhook_subscriptions/{id}/rotate_secret`,
  id: "rotateWebhookSubscriptionSecret",
  tag: TAG,
  summary: "New signing secret; the old one keeps signing (a second signature) for 24 hours",
  response: webhookSubscription,
  responseNote: "The subscription with the new `secret`, shown once.",
});

export const WEBHOOK_OPERATIONS = [
  listWebhookSubscriptions,
  createWebhookSubscription,
  listWebhookEventTypes,
  getWebhookSubscription,
  updateWebhookSubscription,
  deleteWebhookSubscription,
  rotateWebhookSubscriptionSecret,
];
