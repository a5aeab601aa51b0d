"use server";
// The signed-in operator's own account: change password, sign out.
import { AuthError } from "next-auth";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { auth, signIn, signOut } from "@/lib/auth/auth";
import { endOperatorSession } from "@/lib/core/operator-sessions";
import { changeOwnPassword } from "@/lib/core/operators";
import { AppError } from "@/lib/core/errors";
import { deps } from "@/lib/server/runtime";

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
  // The change ended every session of this operator, this one too: sign this browser in again
  // with the new password (a fresh session cookie with the new epoch, same project selected).
  // It must end in a redirect: Next renders a redirect target with the cookies the action set,
  // but re-renders the current page with the request's original cookie (the refused session).
  try {
    await signIn("credentials", {
      email: ctx.operator.email,
      password: input.next,
      projectId: ctx.project.id,
      redirectTo: "/account?password=changed",
    });
  } catch (err) {
    if (err instanceof AuthError) {
      throw new AppError("unauthorized", "Your password was changed. Sign in with the new one.");
    }
    throw err;
  }
  return null;
});

/** Sign out: the server-side session ends first, so a copy of the cookie stops working too. */
export async function signOutAction(): Promise<void> {
  const session = await auth();
  // Ended here (not only in Auth.js's signOut event, which swallows errors) so that a failure
  // leaves the operator visibly signed in rather than the copy silently alive.
  if (session?.sessionId) await endOperatorSession(await deps(), session.sessionId);
  await signOut({ redirectTo: "/sign-in" });
}
