// Consuming an authorization flow at the callback: single use, bound to the browser that started it.
import { bindings } from "./bindings";
import { and, eq } from "drizzle-orm";
import { authFlows, linkTokens, type AuthFlow } from "@/db/schema";
import { keyedHash } from "@/lib/crypto";
import type { Deps } from "./deps";
import { AppError } from "./errors";
import { hasNewerLink } from "./link-context";
import { unseal } from "./sealed";

/**
 * The connect link a flow was started from. It travels in the flow's sealed bag (next to the PKCE
 * verifier or OAuth 1 token secret) rather than a column: authenticated, and no migration.
 */
export function flowLinkId(deps: Pick<Deps, "keyring">, flow: AuthFlow): string | undefined {
  if (!flow.verifierEnc) return undefined;
  return unseal(deps, bindings.flowVerifier(flow.stateHash), flow.verifierEnc).link;
}

/**
 * Refuse a flow whose link is no longer open: used by another flow (the end user finished in
 * another tab, or a flow parked by someone else), or retired by a newer link. Returns the link id.
 */
export async function requireOpenLink(
  deps: Pick<Deps, "db" | "keyring">,
  flow: AuthFlow,
): Promise<string> {
  const linkId = flowLinkId(deps, flow);
  const [link] = linkId
    ? await deps.db
        .select({ usedAt: linkTokens.usedAt })
        .from(linkTokens)
        .where(and(eq(linkTokens.id, linkId), eq(linkTokens.connectionId, flow.connectionId)))
    : [];
  if (!linkId || !link) {
    throw new AppError(
      "conflict",
      "This sign-in has no open connect link. Start again from the app.",
    );
  }
  if (link.usedAt) {
    throw new AppError(
      "conflict",
      (await hasNewerLink(deps, linkId))
        ? "This connect link was replaced by a newer one, so this sign-in cannot complete. Start again from the app."
        : "This connect link was already used, so this sign-in cannot complete. Start again from the app.",
    );
  }
  return linkId;
}

/**
 * Delete and return the flow for this state — only when the browser binding matches, so a callback
 * opened in another browser neither succeeds nor burns the real user's flow. A replay finds nothing.
 */
export async function consumeFlow(
  deps: Pick<Deps, "db" | "pepper">,
  stateHash: string,
  bindingToken: string | undefined,
): Promise<AuthFlow> {
  const bindingHash = bindingToken ? keyedHash(deps.pepper, bindingToken) : "";
  const [flow] = await deps.db
    .delete(authFlows)
    .where(and(eq(authFlows.stateHash, stateHash), eq(authFlows.bindingHash, bindingHash)))
    .returning();
  if (!flow) {
    const [other] = await deps.db
      .select({ stateHash: authFlows.stateHash })
      .from(authFlows)
      .where(eq(authFlows.stateHash, stateHash));
    if (other) {
      throw new AppError(
        "bad_request",
        "This sign-in was started in another browser. Open the connect link again in this browser.",
      );
    }
    throw new AppError(
      "bad_request",
      "This sign-in was already completed or is unknown. Start again from the app.",
    );
  }
  if (flow.expiresAt.getTime() < Date.now()) {
    throw new AppError(
      "bad_request",
      "This sign-in took too long and expired. Start again from the app.",
    );
  }
  return flow;
}
