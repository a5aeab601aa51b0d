// Tool-router sessions remembered for a few seconds per process (issue 12), so an MCP call costs
// no session lookup. Revocation stays immediate: a trigger on tool_sessions announces every
// revocation, expiry change and deletion on the database (db/migrations/0012), and each instance
// drops that session here.
import type { ToolSession } from "@/db/schema";
import { TaggedCache, type Listen } from "./tagged-cache";

/** The channel session changes are announced on; the payload is the session id. */
export const TOOL_SESSION_CHANNEL = "keyport_tool_sessions";
/** Longest a session is trusted without a fresh lookup (bounds a lost notification). */
export const TOOL_SESSION_TTL_MS = 10_000;

/** Session rows by lookup key (token hash, or project and id), tagged with the session id. */
export class ToolSessionCache extends TaggedCache<ToolSession> {
  constructor() {
    super(TOOL_SESSION_TTL_MS);
  }
}

/** A cache that follows the announcements; returns it with its unlisten. */
export async function watchedToolSessionCache(
  listen: Listen,
): Promise<{ cache: ToolSessionCache; stop: () => Promise<void> }> {
  const cache = new ToolSessionCache();
  const stop = await cache.follow(listen, TOOL_SESSION_CHANNEL);
  return { cache, stop };
}
