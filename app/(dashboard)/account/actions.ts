"use server";
// The signed-in operator's own account: change password, sign out.
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { signOut } from "@/lib/auth/auth";
import { changeOwnPassword } from "@/lib/core/operators";

const passwordSchema = z
  .object({ current: z.string().max(500), next: z.string().max(500), confirm: z.string().max(500) })
  .superRefine((v, ctx) => {
    // Messages without a field path so they read as sentences.
    if (!v.current) ctx.addIssue({ code: "custom", message: "Enter your current password" });
    else if (v.next !== v.confirm) {
      ctx.addIssue({ code: "custom", message: "The new password and its confirmation differ" });
    } else if (v.next === v.current) {
      ctx.addIssue({
        code: "custom",
        message: "The new password must differ from the current one",
      });
    }
  });

export const changePasswordAction = defineAction("read", passwordSchema, async (ctx, input) => {
  // changeOwnPassword checks the current password and the new one's length.
  await changeOwnPassword(ctx.deps, {
    operatorId: ctx.operator.id,
    current: input.current,
    next: input.next,
    actorLabel: ctx.operator.email,
  });
  return null;
});

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
