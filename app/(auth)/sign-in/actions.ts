"use server";
// Operator sign-in with email + password. signIn throws NEXT_REDIRECT on success: only
// Auth.js errors are turned into messages, everything else is rethrown.
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/auth";

export type SignInState = { error: string; email: string } | null;

/** The message for a failed sign-in; never more specific than "wrong email or password". */
function messageFor(err: AuthError): string {
  if (err instanceof CredentialsSignin) {
    const seconds = /^rate_limited_(\d+)$/.exec(err.code)?.[1];
    if (seconds)
      return `Too many attempts. Try again in ${seconds} second${seconds === "1" ? "" : "s"}.`;
    return "Wrong email or password";
  }
  return "Sign-in failed. Try again in a moment.";
}

const text = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === "string" ? value.slice(0, 200) : "";
};

export async function signInAction(_previous: SignInState, data: FormData): Promise<SignInState> {
  const email = text(data, "email");
  const password = text(data, "password");
  try {
    await signIn("credentials", { email, password, redirectTo: "/" });
    return null;
  } catch (err) {
    if (err instanceof AuthError) return { error: messageFor(err), email };
    throw err;
  }
}
