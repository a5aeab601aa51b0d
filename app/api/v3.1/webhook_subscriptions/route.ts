// GET  /api/v3.1/webhook_subscriptions – the project's webhook endpoints (Composio's shape)
// POST /api/v3.1/webhook_subscriptions – create one; its whsec_… secret is in this answer only
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/core/webhooks/endpoints";
import { apiOperation } from "@/lib/http/operation";
import { pageV3 } from "@/lib/http/v3-mappers";
import {
  createWebhookSubscription,
  listWebhookSubscriptions,
  webhookSubscriptionV3,
} from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const GET = apiOperation(listWebhookSubscriptions, async ({ deps, projectId }) => {
  const items = await listWebhookEndpoints(deps, { projectId });
  return pageV3(
    items.map((e) => webhookSubscriptionV3(e)),
    null,
    items.length,
    Math.max(items.length, 1),
  );
});

export const POST = apiOperation(
  createWebhookSubscription,
  async ({ deps, projectId, actor, body }) => {
    const { endpoint, secret } = await createWebhookEndpoint(deps, {
      projectId,
      actor,
      url: body.webhook_url,
      eventTypes: body.enabled_events,
      description: body.description,
    });
    return webhookSubscriptionV3(endpoint, secret);
  },
);
