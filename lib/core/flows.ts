// Consuming an authorization flow at the callback: single use, bound to the browser that started it.
import { and, eq } from "drizzle-orm";
import { authFlows, type AuthFlow } from "@/db/schema";
import { keyedHash } from "@/lib/crypto";
import type { Deps } from "./deps";
import { AppError } from "./errors";

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
