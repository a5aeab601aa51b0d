// Changing one's own password from the dashboard (the account page and the forced change after a
// one-time password): the form's schema, and the change followed by signing this browser in again.
import { AuthError } from "next-auth";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { changeOwnPassword } from "@/lib/core/operators";
import { signIn } from "./auth";
import type { OperatorContext } from "./session";

export const passwordChangeSchema = z
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

/** Change the operator's password (checking the current one), then sign in again and go to `redirectTo`. */
export async function changePasswordAndSignIn(
  ctx: OperatorContext,
  input: z.infer<typeof passwordChangeSchema>,
  redirectTo: string,
): Promise<null> {
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
      redirectTo,
    });
  } catch (err) {
    if (err instanceof AuthError) {
      throw new AppError("unauthorized", "Your password was changed. Sign in with the new one.");
    }
    throw err;
  }
  return null;
}
