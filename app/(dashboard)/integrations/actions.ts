"use server";
// Create, edit, enable/disable and delete integrations (admins only). Secrets are write-only.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { deleteIntegrationWithConnections } from "@/lib/core/bulk";
import {
  createIntegration,
  deleteIntegration,
  setIntegrationEnabled,
  updateIntegration,
} from "@/lib/core/integrations";

const id = z.string().min(1).max(100);
/** An optional text field: absent stays undefined, empty becomes null (clears an override). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v === undefined ? undefined : v || null));
/** Scopes typed as one string, separated by spaces, commas or new lines. */
const scopes = z
  .string()
  .max(5000)
  .optional()
  .transform((v) => (v === undefined ? undefined : v.split(/[\s,]+/).filter(Boolean)));

const fields = z.object({
  name: z.string().trim().max(200).optional(),
  clientId: optionalText(500),
  // Never trimmed or echoed back; empty means "keep the current secret" when editing.
  clientSecret: z
    .string()
    .max(10_000)
    .optional()
    .transform((v) => v || undefined),
  scopes,
  authorizeUrl: optionalText(2000),
  tokenUrl: optionalText(2000),
  apiBaseUrl: optionalText(2000),
});

export type IntegrationFields = z.input<typeof fields>;

export const createIntegrationAction = defineAction(
  "integrations.manage",
  fields.extend({ appKey: z.string().min(1).max(100), authScheme: z.string().max(30).optional() }),
  async (ctx, input) => {
    const created = await createIntegration(ctx.deps, {
      ...input,
      projectId: ctx.project.id,
      actor: ctx.actor,
    });
    revalidatePath("/integrations");
    redirect(`/integrations?created=${encodeURIComponent(created.id)}`);
  },
);

export const updateIntegrationAction = defineAction(
  "integrations.manage",
  fields.extend({ id }),
  async (ctx, input) => {
    const updated = await updateIntegration(ctx.deps, {
      ...input,
      projectId: ctx.project.id,
      actor: ctx.actor,
    });
    revalidatePath(`/integrations/${updated.id}`);
    return { name: updated.name };
  },
);

export const setIntegrationEnabledAction = defineAction(
  "integrations.manage",
  z.object({ id, enabled: z.boolean() }),
  async (ctx, input) => {
    await setIntegrationEnabled(ctx.deps, {
      ...input,
      projectId: ctx.project.id,
      actor: ctx.actor,
    });
    revalidatePath(`/integrations/${input.id}`);
    return null;
  },
);

// No revalidatePath here: it would re-render the page of the integration just deleted (a 404);
// the client navigates to the list, which is rendered fresh on every request.
export const deleteIntegrationAction = defineAction(
  "integrations.manage",
  // withConnections: delete (and revoke) its connections first; without it, refused while any remain.
  z.object({ id, withConnections: z.boolean().optional() }),
  async (ctx, input) => {
    const target = { id: input.id, projectId: ctx.project.id, actor: ctx.actor };
    if (input.withConnections) await deleteIntegrationWithConnections(ctx.deps, target);
    else await deleteIntegration(ctx.deps, target);
    return null;
  },
);
