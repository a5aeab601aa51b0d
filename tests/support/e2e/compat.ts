// Shared steps for the Composio SDK compatibility specs: the SDK settings, a second project, errors.
// No SDK is imported here: each spec sets TELEMETRY_DISABLED before it loads one.
import { expect, type Browser } from "@playwright/test";
import { ADMIN, BASE_URL, BOOTSTRAP_KEY } from "../e2e-env";
import { createApiKey, createProject, signIn, unique } from "./dashboard";

export { BASE_URL, BOOTSTRAP_KEY };

/** A user id no earlier run on a reused server has used. */
export const freshUser = (prefix: string) => unique(prefix).replace(/-/g, "_");

/** A note title the sandbox has never seen. */
export const noteTitle = (what: string) => `${what} ${unique("note")}`;

/** Project B with its own API key, made through the dashboard (there is no project API). */
export async function secondProjectKey(browser: Browser): Promise<string> {
  const context = await browser.newContext({ baseURL: BASE_URL });
  const page = await context.newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
  await createProject(page, unique("Compat B"));
  const key = await createApiKey(page, unique("compat-b"));
  await context.close();
  return key;
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    return err as Error & Record<string, unknown>;
  }
  throw new Error("expected the call to fail, it succeeded");
}

/** Every string an SDK error carries (message, description, cause), for asserting on Keyport's text. */
export function errorText(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const o = e as Record<string, unknown>;
    for (const k of ["message", "description", "possibleFix"])
      if (typeof o[k] === "string") parts.push(o[k]);
    // @composio/client keeps the parsed body: {error: {message, code, …}} on the v3.1 face.
    const body = o.error as { message?: unknown; error?: { message?: unknown } } | undefined;
    for (const m of [body?.message, body?.error?.message]) if (typeof m === "string") parts.push(m);
    e = o.cause;
  }
  return parts.join(" | ");
}
