"use server";
// Project settings: name, allowed return origins, connect-page branding (admins only).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { updateProjectSettings } from "@/lib/core/projects";
import { parseAccent, parseLogoUrl, parseOriginList } from "@/lib/core/project-settings-rules";

const settingsSchema = z
  .object({
    name: z.string().max(500),
    allowedReturnOrigins: z.string().max(20_000),
    brandingName: z.string().max(500),
    brandingLogoUrl: z.string().max(2_000),
    brandingAccent: z.string().max(100),
  })
  .transform((v, ctx) => {
    const fail = (message: string) => {
      // No path: the message names the field itself and reads as a sentence.
      ctx.issues.push({ code: "custom", message, input: v });
      return z.NEVER;
    };
    const name = v.name.trim();
    if (!name || name.length > 80) return fail("Project name must be 1–80 characters");
    const brandingName = v.brandingName.trim();
    if (brandingName.length > 80) return fail("Display name must be at most 80 characters");
    const origins = parseOriginList(v.allowedReturnOrigins);
    if (!origins.ok) return fail(origins.error);
    const logo = parseLogoUrl(v.brandingLogoUrl);
    if (!logo.ok) return fail(logo.error);
    const accent = parseAccent(v.brandingAccent);
    if (!accent.ok) return fail(accent.error);
    return {
      name,
      allowedReturnOrigins: origins.value,
      brandingName: brandingName || null,
      brandingLogoUrl: logo.value,
      brandingAccent: accent.value,
    };
  });

export const updateProjectSettingsAction = defineAction(
  "settings.manage",
  settingsSchema,
  async (ctx, patch) => {
    await updateProjectSettings(ctx.deps, {
      projectId: ctx.project.id,
      actor: ctx.actor,
      patch,
    });
    // The name also shows in the project switcher of every page.
    revalidatePath("/", "layout");
    return { allowedReturnOrigins: patch.allowedReturnOrigins };
  },
);
