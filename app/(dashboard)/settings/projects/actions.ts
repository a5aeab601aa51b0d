"use server";
// Create a project and switch between the operator's projects (membership checked here).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { unstable_update } from "@/lib/auth/auth";
import { notFound } from "@/lib/core/errors";
import { createProject } from "@/lib/core/projects";

export const createProjectAction = defineAction(
  "projects.create",
  z.object({ name: z.string().max(500) }),
  async (ctx, input) => {
    // createProject validates the name (1–80 characters) with a readable message.
    const project = await createProject(ctx.deps, {
      name: input.name,
      ownerId: ctx.operator.id,
      actor: ctx.actor,
    });
    await unstable_update({ projectId: project.id });
    revalidatePath("/", "layout");
    redirect("/settings");
  },
);

export const switchProjectAction = defineAction(
  "read",
  z.object({ projectId: z.string().min(1).max(100) }),
  async (ctx, input) => {
    // The session stores only the id; membership is checked now and again on every request.
    if (!ctx.projects.some((p) => p.id === input.projectId)) throw notFound("Project");
    await unstable_update({ projectId: input.projectId });
    revalidatePath("/", "layout");
    return { projectId: input.projectId };
  },
);
