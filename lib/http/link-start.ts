// The connect page's start (POST /link/{token}/start) and its browser-binding step (GET), kept out
// of the route file so integration tests run the real handler on a real Request.
import { beginAuthorization } from "@/lib/core/connect-flow";
import type { Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { checkLinkCsrf } from "@/lib/core/link-csrf";
import { openLink } from "@/lib/core/link-context";
import { logError } from "@/lib/log";
import { ensureBinding, FLOW_HEADERS, flowErrorPage, readBinding } from "./binding-cookie";
import { refuseCrossSite } from "./link-guard";

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** The hidden form field the link page renders and the start requires. */
export const CSRF_FIELD = "csrf";

async function formField(req: Request, name: string): Promise<string | undefined> {
  try {
    const v = (await req.formData()).get(name);
    return typeof v === "string" ? v : undefined;
  } catch {
    return undefined; // not a form body: no token
  }
}

/**
 * Refused with 403 before anything is stored or any cookie set: a cross-site submission, or one
 * without this browser's CSRF token. Then the flow is created and the browser sent to the provider.
 */
export async function startLinkFlow(deps: Deps, req: Request, token: string): Promise<Response> {
  try {
    refuseCrossSite(req.headers, deps.publicUrl);
    const link = await openLink(deps, token);
    const binding = readBinding(req, deps.publicUrl);
    checkLinkCsrf(deps, token, binding, await formField(req, CSRF_FIELD));
    const cookie = ensureBinding(req, deps.publicUrl, deps.flowTtlSeconds);
    const location = await beginAuthorization(deps, link, cookie.value);
    return new Response(null, {
      status: 303,
      headers: { location, "set-cookie": cookie.setCookie, ...FLOW_HEADERS },
    });
  } catch (err) {
    if (err instanceof AppError) return flowErrorPage("Cannot continue", err.message, err.status);
    logError("connect start failed", err);
    return flowErrorPage(
      "Cannot continue",
      "The provider could not be reached. Try again in a moment.",
      502,
    );
  }
}

/**
 * Give this browser its binding cookie, then back to the link page. A page cannot set cookies,
 * and the page's CSRF token needs the cookie's value. Harmless from anywhere: it only sets a
 * random HttpOnly value nobody else can read.
 */
export function bindLinkBrowser(deps: Deps, req: Request, token: string): Response {
  if (!TOKEN.test(token))
    return flowErrorPage("This link cannot be used", "This connect link is not valid.", 404);
  const cookie = ensureBinding(req, deps.publicUrl, deps.flowTtlSeconds);
  return new Response(null, {
    status: 303,
    headers: {
      location: `${deps.publicUrl}/link/${token}?bound=1`,
      "set-cookie": cookie.setCookie,
      ...FLOW_HEADERS,
    },
  });
}
