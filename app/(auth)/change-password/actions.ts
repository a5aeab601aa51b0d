"use server";
// The forced password change after signing in with a one-time password (the only action such an
// operator may run); on success the dashboard opens.
import { defineAction } from "@/lib/auth/action";
import { changePasswordAndSignIn, passwordChangeSchema } from "@/lib/auth/change-password";
import { AppError } from "@/lib/core/errors";

export const replaceOneTimePasswordAction = defineAction(
  "read",
  passwordChangeSchema,
  (ctx, input) => {
    if (!ctx.operator.mustChangePassword)
      throw new AppError("conflict", "Your password is already your own: change it under Account");
    return changePasswordAndSignIn(ctx, input, "/");
  },
  { whilePasswordMustChange: true },
);
