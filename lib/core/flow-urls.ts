// Where a connect flow sends the browser: the one OAuth redirect URI, and the page (or the app's
// return URL) when the flow ends. Shared by the OAuth 2 and OAuth 1 flows and the credentials form.
import type { Deps } from "./deps";
import { allowedOrigins } from "./initiate";
import { checkReturnUrl, withOutcome } from "./return-url";

export const CALLBACK_PATH = "/api/oauth/callback";

/** The one redirect URI, derived from KEYPORT_PUBLIC_URL only (never from request headers). */
export const redirectUriOf = (deps: Pick<Deps, "publicUrl">) => `${deps.publicUrl}${CALLBACK_PATH}`;

/**
 * Where the browser goes when the flow ends. The return URL stored at initiation is checked again
 * against the project's allow-list as it is NOW (an admin may have removed its origin since);
 * when it no longer passes, Keyport's own done page (SECURITY.md 5, issue 11 item 10).
 */
export async function outcomeUrl(
  deps: Pick<Deps, "publicUrl" | "db">,
  conn: { projectId: string; returnUrl: string | null },
  outcome: { status: "success" | "failed"; connectionId: string; error?: string; app: string },
): Promise<string> {
  const params: Record<string, string> = {
    status: outcome.status,
    connected_account_id: outcome.connectionId,
  };
  if (outcome.error) params.error = outcome.error;
  const returnUrl = conn.returnUrl
    ? checkReturnUrl(conn.returnUrl, await allowedOrigins(deps, conn.projectId))
    : null;
  if (returnUrl) return withOutcome(returnUrl, params);
  return withOutcome(`${deps.publicUrl}/link/done`, { ...params, app: outcome.app });
}
