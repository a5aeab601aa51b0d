// GET /api/v3.1/webhook_subscriptions/event_types – every event type an endpoint can want
import { apiOperation } from "@/lib/http/operation";
import { eventTypesV3, listWebhookEventTypes } from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const GET = apiOperation(listWebhookEventTypes, () => eventTypesV3());
