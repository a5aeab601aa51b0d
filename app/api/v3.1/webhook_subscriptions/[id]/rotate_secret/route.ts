// POST /api/v3.1/webhook_subscriptions/{id}/rotate_secret – a new secret (shown once); the old
// one keeps signing for 24 hours
import { rotateWebhookSecret } from "@/lib/core/webhooks/endpoints";
import { apiOperation } from "@/lib/http/operation";
import { rotateWebhookSubscriptionSecret, webhookSubscriptionV3 } from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const POST = apiOperation(
  rotateWebhookSubscriptionSecret,
  async ({ deps, projectId, actor, params }) => {
    const { endpoint, secret } = await rotateWebhookSecret(deps, {
      projectId,
      id: params.id,
      actor,
    });
    return webhookSubscriptionV3(endpoint, secret);
  },
);
