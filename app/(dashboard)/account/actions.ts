"use server";
// The signed-in operator's own account: edit name and email, change password, sign out.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { auth, signOut } from "@/lib/auth/auth";
import { changePasswordAndSignIn, passwordChangeSchema } from "@/lib/auth/change-password";
import { endOperatorSession } from "@/lib/core/operator-sessions";
import { updateOwnProfile } from "@/lib/core/operators";
import { deps } from "@/lib/server/runtime";

export const changePasswordAction = defineAction("read", passwordChangeSchema, (ctx, input) =>
  changePasswordAndSignIn(ctx, input, "/account?password=changed"),
);

// updateOwnProfile checks the email's shape, the name's length and that no one else has the email.
export const updateProfileAction = defineAction(
  "read",
  z.object({ name: z.string().max(500), email: z.string().max(500) }),
  async (ctx, input) => {
    const updated = await updateOwnProfile(ctx.deps, {
      operatorId: ctx.operator.id,
      name: input.name,
      email: input.email,
    });
    // The header's operator menu shows the name: re-render every dashboard page.
    revalidatePath("/", "layout");
    return { name: updated.name, email: updated.email };
  },
);

/** Sign out: the server-side session ends first, so a copy of the cookie stops working too. */
export async function signOutAction(): Promise<void> {
  const session = await auth();
  // Ended here (not only in Auth.js's signOut event, which swallows errors) so that a failure
  // leaves the operator visibly signed in rather than the copy silently alive.
  if (session?.sessionId) await endOperatorSession(await deps(), session.sessionId);
  await signOut({ redirectTo: "/sign-in" });
}
