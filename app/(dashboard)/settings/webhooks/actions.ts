"use server";
// Webhook endpoints (admins: settings.manage): create (secret shown once), enable/disable, rotate,
// delete, send a test event, replay a delivery.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "@/lib/core/webhooks/endpoints";
import { replayWebhookDelivery, sendTestWebhook } from "@/lib/core/webhooks/log";

const id = z.string().min(1).max(100);

export const createWebhookEndpointAction = defineAction(
  "settings.manage",
  z.object({
    url: z.string().max(2000),
    description: z.string().max(500),
    eventTypes: z.array(z.string().max(100)).max(50),
  }),
  async (ctx, input) => {
    const { endpoint, secret } = await createWebhookEndpoint(ctx.deps, {
      projectId: ctx.project.id,
      actor: ctx.actor,
      ...input,
    });
    revalidatePath("/settings/webhooks");
    return { id: endpoint.id, secret };
  },
);

export const setWebhookEndpointEnabledAction = defineAction(
  "settings.manage",
  z.object({ id, enabled: z.boolean() }),
  async (ctx, input) => {
    await updateWebhookEndpoint(ctx.deps, {
      projectId: ctx.project.id,
      actor: ctx.actor,
      ...input,
    });
    revalidatePath("/settings/webhooks");
    return null;
  },
);

export const deleteWebhookEndpointAction = defineAction(
  "settings.manage",
  z.object({ id }),
  async (ctx, input) => {
    await deleteWebhookEndpoint(ctx.deps, {
      projectId: ctx.project.id,
      actor: ctx.actor,
      ...input,
    });
    revalidatePath("/settings/webhooks");
    return null;
  },
);

export const rotateWebhookSecretAction = defineAction(
  "settings.manage",
  z.object({ id }),
  async (ctx, input) => {
    const { secret } = await rotateWebhookSecret(ctx.deps, {
      projectId: ctx.project.id,
      actor: ctx.actor,
      ...input,
    });
    revalidatePath("/settings/webhooks");
    return { secret };
  },
);

export const sendTestWebhookAction = defineAction(
  "settings.manage",
  z.object({ id }),
  async (ctx, input) => {
    const messageId = await sendTestWebhook(ctx.deps, {
      projectId: ctx.project.id,
      endpointId: input.id,
      actor: ctx.actor,
    });
    revalidatePath("/settings/webhooks");
    return { messageId };
  },
);

export const replayWebhookDeliveryAction = defineAction(
  "settings.manage",
  z.object({ id }),
  async (ctx, input) => {
    await replayWebhookDelivery(ctx.deps, { projectId: ctx.project.id, deliveryId: input.id });
    revalidatePath("/settings/webhooks");
    return null;
  },
);
