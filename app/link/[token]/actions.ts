"use server";
// The connect page's credential form. The link token is the end user's only authority (SECURITY.md 26).
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/core/errors";
import { checkLinkCsrf } from "@/lib/core/link-csrf";
import { openLink } from "@/lib/core/link-context";
import { submitLinkCredentials } from "@/lib/core/link-credentials";
import { bindingCookieName } from "@/lib/http/binding-cookie";
import { refuseCrossSite } from "@/lib/http/link-guard";
import { CSRF_FIELD } from "@/lib/http/link-start";
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
    // As the OAuth start: same site only, and this browser's token from the rendered page.
    refuseCrossSite(await headers(), deps.publicUrl);
    const ctx = await openLink(deps, token);
    const binding = (await cookies()).get(bindingCookieName(deps.publicUrl))?.value;
    checkLinkCsrf(deps, token, binding, form.get(CSRF_FIELD));
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
