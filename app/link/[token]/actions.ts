"use server";
// The connect page's credential form. The link token is the end user's only authority (SECURITY.md 26).
import { redirect } from "next/navigation";
import { AppError } from "@/lib/core/errors";
import { openLink } from "@/lib/core/link-context";
import { submitLinkCredentials } from "@/lib/core/link-credentials";
import { logError } from "@/lib/log";
import { deps as getDeps } from "@/lib/server/runtime";

export interface CredentialsState {
  error?: string;
}

export async function submitCredentialsAction(
  token: string,
  _prev: CredentialsState,
  form: FormData,
): Promise<CredentialsState> {
  let next: string;
  try {
    const deps = await getDeps();
    const ctx = await openLink(deps, token);
    const values: Record<string, string> = {};
    for (const f of ctx.scheme.fields) {
      const v = form.get(f.name);
      if (typeof v === "string") values[f.name] = v;
    }
    next = await submitLinkCredentials(deps, ctx, values);
  } catch (err) {
    if (err instanceof AppError) return { error: err.message };
    logError("connect form failed", err);
    return { error: "Something went wrong. Try again in a moment." };
  }
  redirect(next);
}
