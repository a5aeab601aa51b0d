// The public webhook event types (issue 14) and which connection timeline events produce them.
import type { EventType } from "../events";

export const WEBHOOK_EVENT_TYPES = {
  "connection.initiated": "A connection was created and waits for the end user",
  "connection.active": "A connection became ACTIVE for the first time",
  "connection.failed":
    "Connecting failed (the end user refused, or the provider answered an error)",
  "connection.expired":
    "A connection expired (its refresh token stopped working, or the flow was abandoned)",
  "connection.refreshed": "A connection's access token was refreshed",
  "connection.refresh_failed": "A refresh failed transiently; Keyport retries later",
  "connection.recovered": "A connection works again after failed refreshes",
  "connection.disabled": "A connection was disabled",
  "connection.enabled": "A connection was enabled",
  "connection.reconnected":
    "The end user connected again (data.account_changed says whether the upstream account changed)",
  "connection.revoked": "A connection's tokens were revoked at the provider",
  "connection.deleted": "A connection was deleted",
  "integration.created": "An integration (auth config) was created",
  "integration.updated": "An integration (auth config) was changed, enabled or disabled",
  "integration.deleted": "An integration (auth config) was deleted",
  "webhook.test": "A test event sent from the dashboard or the API",
  "composio.connected_account.expired":
    "Composio's name for connection.expired, in Composio's V3 payload shape",
  "composio.trigger.message":
    "Accepted for Composio compatibility (its SDK subscribes to it by default); Keyport has no triggers and never sends it",
  "composio.trigger.disabled":
    "Accepted for Composio compatibility; Keyport has no triggers and never sends it",
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;

export const webhookEventTypes = Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[];

export function isWebhookEventType(t: string): t is WebhookEventType {
  return Object.hasOwn(WEBHOOK_EVENT_TYPES, t);
}

/** Composio's own name for an event, where it has one. */
export const COMPOSIO_NAMES: Partial<Record<WebhookEventType, WebhookEventType>> = {
  "connection.expired": "composio.connected_account.expired",
};

/** The public event a timeline event produces (null: not published). */
export function publicTypeOf(type: EventType): WebhookEventType | null {
  switch (type) {
    case "initiated":
      return "connection.initiated";
    case "connected":
      return "connection.active";
    case "failed":
      return "connection.failed";
    case "expired":
      return "connection.expired";
    case "refreshed":
      return "connection.refreshed";
    case "refresh_failed":
      return "connection.refresh_failed";
    case "disabled":
      return "connection.disabled";
    case "enabled":
      return "connection.enabled";
    case "reconnected":
    case "account_changed":
      return "connection.reconnected";
    case "revoked":
      return "connection.revoked";
    case "deleted":
      return "connection.deleted";
    default:
      return null;
  }
}
