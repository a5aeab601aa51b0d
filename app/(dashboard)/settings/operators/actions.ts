"use server";
// Project members: add (new operators get a one-time password, returned once), change role, remove.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { roles } from "@/db/schema";
import { defineAction } from "@/lib/auth/action";
import { addMember, removeMember, setMemberRole } from "@/lib/core/operators";

const role = z.enum(roles, { error: "Choose a role: admin, support or viewer" });

const addSchema = z
  .object({ email: z.string().trim().max(200), name: z.string().trim().max(200), role })
  .superRefine((v, ctx) => {
    if (!z.email().safeParse(v.email).success) {
      ctx.addIssue({ code: "custom", message: "Enter a valid email address" });
    }
    if (v.name.length > 100)
      ctx.addIssue({ code: "custom", message: "Name must be at most 100 characters" });
  });

export const addOperatorAction = defineAction("operators.manage", addSchema, async (ctx, input) => {
  const { member, oneTimePassword } = await addMember(ctx.deps, {
    projectId: ctx.project.id,
    email: input.email,
    name: input.name,
    role: input.role,
    actor: ctx.actor,
  });
  revalidatePath("/settings/operators");
  return { email: member.email, role: member.role, oneTimePassword: oneTimePassword ?? null };
});

export const setOperatorRoleAction = defineAction(
  "operators.manage",
  z.object({ operatorId: z.string().min(1).max(100), role }),
  async (ctx, input) => {
    // setMemberRole refuses to demote the last admin (its message is shown as is).
    await setMemberRole(ctx.deps, {
      projectId: ctx.project.id,
      operatorId: input.operatorId,
      role: input.role,
      actor: ctx.actor,
    });
    revalidatePath("/", "layout");
    return null;
  },
);

export const removeOperatorAction = defineAction(
  "operators.manage",
  z.object({ operatorId: z.string().min(1).max(100) }),
  async (ctx, input) => {
    await removeMember(ctx.deps, {
      projectId: ctx.project.id,
      operatorId: input.operatorId,
      actor: ctx.actor,
    });
    revalidatePath("/", "layout");
    return null;
  },
);
