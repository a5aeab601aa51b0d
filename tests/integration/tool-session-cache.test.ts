// The per-instance cache of tool-router sessions (issue 12): an MCP call costs no session lookup,
// yet a revocation or deletion on one instance reaches every instance's cache by the trigger's
// NOTIFY, so the revoked token is refused everywhere at once.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db";
import { toolSessions } from "@/db/schema";
import { systemActor, type Deps } from "@/lib/core/deps";
import { createProject } from "@/lib/core/projects";
import { TOOL_SESSION_CHANNEL, ToolSessionCache } from "@/lib/core/tool-session-cache";
import {
  createToolSession,
  revokeToolSession,
  sessionByToken,
  sessionForProject,
} from "@/lib/core/tool-sessions";
import { openTestDb, testDeps, type TestDb } from "../support/db";

const actor = systemActor;
let handle: TestDb;
let deps: Deps;
let projectId: string;

beforeAll(async () => {
  handle = await openTestDb();
  deps = testDeps(handle);
  projectId = (await createProject(deps, { name: "Session cache", actor })).id;
});

afterAll(async () => {
  await handle?.close();
});

/** Two "instances": each its own cache following the channel (on Postgres, its own connection). */
async function instances() {
  const other: DbHandle = handle.url ? await openDb({ url: handle.url }) : handle;
  const a = new ToolSessionCache();
  const b = new ToolSessionCache();
  const stopA = await a.follow(handle.listen, TOOL_SESSION_CHANNEL);
  const stopB = await b.follow(other.listen, TOOL_SESSION_CHANNEL);
  return {
    a: { ...deps, toolSessionCache: a },
    b: { ...deps, db: other.db, toolSessionCache: b },
    stop: async () => {
      await stopA();
      await stopB();
      if (other !== handle) await other.close();
    },
  };
}

const mint = (userId: string) =>
  createToolSession(deps, { projectId, userId, actor, toolkits: ["github"] });

describe("tool-router session cache", () => {
  it("answers a known token from memory, without a query", async () => {
    // A cache that follows no channel: once it holds the session, only memory can answer.
    const alone = { ...deps, toolSessionCache: new ToolSessionCache() };
    const { session, token } = await mint("cache-user-1");
    await sessionByToken(alone, { id: session.id, token });
    expect(alone.toolSessionCache.size).toBe(1);
    await deps.db.delete(toolSessions).where(eq(toolSessions.id, session.id));
    const again = await sessionByToken(alone, { id: session.id, token });
    expect(again).toMatchObject({ id: session.id, projectId, userId: "cache-user-1" });
    // Without the cache the same call finds nothing.
    await expect(sessionByToken(deps, { id: session.id, token })).rejects.toMatchObject({
      code: "unauthorized",
    });
  });

  it("revoking on one instance refuses the token on the other at once", async () => {
    const { a, b, stop } = await instances();
    try {
      const { session, token } = await mint("cache-user-2");
      await sessionByToken(b, { id: session.id, token });
      await sessionForProject(b, { projectId, id: session.id });
      expect(b.toolSessionCache.size).toBe(2);
      const heard = b.toolSessionCache.nextDrop();
      await revokeToolSession(a, { projectId, id: session.id });
      await heard;
      expect(b.toolSessionCache.size).toBe(0);
      await expect(sessionByToken(b, { id: session.id, token })).rejects.toMatchObject({
        code: "unauthorized",
        message: "This session was revoked",
      });
      await expect(sessionForProject(b, { projectId, id: session.id })).rejects.toMatchObject({
        code: "unauthorized",
      });
    } finally {
      await stop();
    }
  });

  it("a deleted session is forgotten by every instance", async () => {
    const { a, b, stop } = await instances();
    try {
      const { session, token } = await mint("cache-user-3");
      await sessionByToken(b, { id: session.id, token });
      const heard = b.toolSessionCache.nextDrop();
      await a.db.delete(toolSessions).where(eq(toolSessions.id, session.id));
      await heard;
      await expect(sessionByToken(b, { id: session.id, token })).rejects.toMatchObject({
        code: "unauthorized",
        message: "Invalid session token",
      });
    } finally {
      await stop();
    }
  });

  it("using a session announces nothing (last-used writes keep the caches warm)", async () => {
    const { a, b, stop } = await instances();
    try {
      const { session, token } = await mint("cache-user-4");
      await sessionByToken(b, { id: session.id, token });
      // An hour-old last use: the next call writes last_used_at, which must not empty b's cache.
      await a.db
        .update(toolSessions)
        .set({ lastUsedAt: new Date(Date.now() - 3_600_000) })
        .where(eq(toolSessions.id, session.id));
      await sessionByToken(a, { id: session.id, token });
      await new Promise((r) => setTimeout(r, 300));
      expect(b.toolSessionCache.size).toBe(1);
    } finally {
      await stop();
    }
  });
});
