// GET    /api/v3.1/webhook_subscriptions/{id} – one webhook endpoint (never its secret)
// PATCH  /api/v3.1/webhook_subscriptions/{id} – change URL, events, description, enabled
// DELETE /api/v3.1/webhook_subscriptions/{id} – delete it and its delivery log
import {
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  updateWebhookEndpoint,
} from "@/lib/core/webhooks/endpoints";
import { apiOperation } from "@/lib/http/operation";
import {
  deleteWebhookSubscription,
  getWebhookSubscription,
  updateWebhookSubscription,
  webhookSubscriptionV3,
} from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const GET = apiOperation(getWebhookSubscription, async ({ deps, projectId, params }) =>
  webhookSubscriptionV3(await getWebhookEndpoint(deps, { projectId, id: params.id })),
);

export const PATCH = apiOperation(
  updateWebhookSubscription,
  async ({ deps, projectId, actor, body, params }) =>
    webhookSubscriptionV3(
      await updateWebhookEndpoint(deps, {
        projectId,
        id: params.id,
        actor,
        url: body.webhook_url,
        eventTypes: body.enabled_events,
        description: body.description,
        enabled: body.enabled,
      }),
    ),
);

export const DELETE = apiOperation(
  deleteWebhookSubscription,
  async ({ deps, projectId, actor, params }) => {
    await deleteWebhookEndpoint(deps, { projectId, id: params.id, actor });
    return { success: true as const };
  },
);
