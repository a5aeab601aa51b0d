// The per-instance cache of resolved connections: execute costs no query, yet every change to a
// connection or an auth config reaches every instance's cache by the database triggers' NOTIFY.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db";
import { connections, integrations } from "@/db/schema";
import {
  CONNECTION_CHANNEL,
  CONNECTION_TTL_MS,
  ConnectionCache,
} from "@/lib/core/connection-cache";
import { newestActiveConnection, usableConnection } from "@/lib/core/connection-row";
import { setConnectionEnabled } from "@/lib/core/connections";
import { deleteConnection } from "@/lib/core/delete";
import { systemActor, type Deps } from "@/lib/core/deps";
import { executeAction } from "@/lib/core/execute";
import { initiateConnection } from "@/lib/core/initiate";
import { setIntegrationEnabled } from "@/lib/core/integrations";
import { createProject } from "@/lib/core/projects";
import { startSandbox, type Sandbox } from "@/lib/sandbox";
import { openTestDb, testDeps, type TestDb } from "../support/db";

const actor = systemActor;
let sandbox: Sandbox;
let handle: TestDb;
let deps: Deps;
let projectId: string;

beforeAll(async () => {
  handle = await openTestDb();
  sandbox = await startSandbox({
    port: 0,
    accessTtlSeconds: 900,
    apiKeys: ["sbx_demo_key"],
    clients: [],
  });
  deps = testDeps(handle, { sandboxOrigin: sandbox.issuer });
  projectId = (await createProject(deps, { name: "Connection cache", actor })).id;
});

afterAll(async () => {
  await sandbox?.close();
  await handle?.close();
});

/** A new ACTIVE sandbox_key connection for a user, with its entity's row id. */
async function connectKey(userId: string): Promise<{ id: string; entityId: string }> {
  const r = await initiateConnection(deps, {
    projectId,
    userId,
    appKey: "sandbox_key",
    credentials: { api_key: "sbx_demo_key" },
    actor,
  });
  const [row] = await deps.db
    .select({ entityId: connections.entityId })
    .from(connections)
    .where(eq(connections.id, r.connection.id));
  return { id: r.connection.id, entityId: row!.entityId };
}

/** Two "instances": each its own cache following the channel (on Postgres, its own connection). */
async function instances() {
  const other: DbHandle = handle.url ? await openDb({ url: handle.url }) : handle;
  const a = new ConnectionCache();
  const b = new ConnectionCache();
  const stopA = await a.follow(handle.listen, CONNECTION_CHANNEL);
  const stopB = await b.follow(other.listen, CONNECTION_CHANNEL);
  return {
    a: { ...deps, connectionCache: a },
    b: { ...deps, db: other.db, connectionCache: b },
    stop: async () => {
      await stopA();
      await stopB();
      if (other !== handle) await other.close();
    },
  };
}

/**
 * `write`, then wait until `cache` has heard its commit's notification: a connect NOTIFYs too, and
 * a late one would otherwise drop what the test reads into the cache next (NOTIFYs of one
 * transaction arrive together, so the first one is enough to wait for).
 */
async function heard<T>(cache: ConnectionCache, write: () => Promise<T>): Promise<T> {
  const dropped = cache.nextDrop();
  const out = await write();
  await dropped;
  return out;
}

const resolve = (d: Pick<Deps, "db" | "connectionCache">, userId: string) =>
  newestActiveConnection(d, { projectId, userId, appKey: "sandbox_key" });

/** The payloads NOTIFYed on the channel while `fn` runs (and shortly after its commit). */
async function notificationsOf(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const unlisten = await handle.listen(
    CONNECTION_CHANNEL,
    (p) => seen.push(p),
    () => {},
  );
  try {
    await fn();
    const until = Date.now() + 2_000;
    while (seen.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50)); // a second notification would arrive by now
    return seen;
  } finally {
    await unlisten();
  }
}

describe("connection cache", () => {
  it("serves execute from memory: an unwatched cache still answers after the row is disabled", async () => {
    const { id } = await connectKey("user_cached");
    const blind = { ...deps, connectionCache: new ConnectionCache() }; // follows no channel
    const run = () =>
      executeAction(blind, {
        projectId,
        actor,
        action: "SANDBOX_KEY_LIST_NOTES",
        userId: "user_cached",
        arguments: { limit: 1 },
      });
    expect((await run()).connectionId).toBe(id);
    expect(blind.connectionCache.size).toBe(1);
    await setConnectionEnabled(deps, { projectId, id, enabled: false, actor });
    // Proof the second answer came from memory: the database says disabled, the blind cache does not.
    expect((await run()).successful).toBe(true);
    await expect(resolve(deps, "user_cached")).rejects.toThrow(/no active connection/);
  });

  it("disabling on one instance reaches the other's cache at commit", async () => {
    const { a, b, stop } = await instances();
    try {
      const { id } = await heard(b.connectionCache, () => connectKey("user_disable"));
      expect((await resolve(b, "user_disable")).connection.id).toBe(id);
      expect(b.connectionCache.size).toBe(1);
      const dropped = b.connectionCache.nextDrop();
      await setConnectionEnabled(a, { projectId, id, enabled: false, actor });
      await dropped;
      expect(b.connectionCache.size).toBe(0);
      await expect(resolve(b, "user_disable")).rejects.toThrow(/no active connection/);
    } finally {
      await stop();
    }
  });

  it("an explicit connected account is cached by id too, and dropped by a change on another instance", async () => {
    const { a, b, stop } = await instances();
    try {
      const { id } = await heard(b.connectionCache, () => connectKey("user_by_id"));
      const byId = (d: Pick<Deps, "db" | "connectionCache">) =>
        usableConnection(d, { projectId, id });
      const first = await byId(b);
      expect(first.connection.enabled).toBe(true);
      expect(await byId(b)).toBe(first); // the same row object: served from memory
      const dropped = b.connectionCache.nextDrop();
      await setConnectionEnabled(a, { projectId, id, enabled: false, actor });
      await dropped;
      const fresh = await byId(b);
      expect(fresh).not.toBe(first);
      expect(fresh.connection.enabled).toBe(false);
      // Another project's key never reaches this entry.
      await expect(usableConnection(b, { projectId: "prj_other", id })).rejects.toThrow(
        /not found/,
      );
    } finally {
      await stop();
    }
  });

  it("a newer connection for the same entity and app replaces the cached one; deleting it falls back", async () => {
    const { a, b, stop } = await instances();
    try {
      const first = await heard(b.connectionCache, () => connectKey("user_newer"));
      expect((await resolve(b, "user_newer")).connection.id).toBe(first.id);
      let dropped = b.connectionCache.nextDrop();
      const second = await connectKey("user_newer");
      await dropped;
      expect((await resolve(b, "user_newer")).connection.id).toBe(second.id);
      dropped = b.connectionCache.nextDrop();
      await deleteConnection(a, { projectId, id: second.id, actor });
      await dropped;
      expect((await resolve(b, "user_newer")).connection.id).toBe(first.id);
    } finally {
      await stop();
    }
  });

  it("drops only the changed entity's entries; an auth config change drops everything", async () => {
    const { a, b, stop } = await instances();
    try {
      const one = await connectKey("user_one");
      await connectKey("user_two");
      await resolve(b, "user_one");
      const two = await resolve(b, "user_two");
      expect(b.connectionCache.size).toBe(2);
      let dropped = b.connectionCache.nextDrop();
      await setConnectionEnabled(a, { projectId, id: one.id, enabled: false, actor });
      await dropped;
      expect(b.connectionCache.size).toBe(1);
      expect(b.connectionCache.get(ConnectionCache.key(projectId, "user_two", "sandbox_key"))).toBe(
        two,
      );
      dropped = b.connectionCache.nextDrop();
      await setIntegrationEnabled(a, {
        projectId,
        id: two.integration.id,
        enabled: false,
        actor,
      });
      await dropped;
      expect(b.connectionCache.size).toBe(0);
      await setIntegrationEnabled(a, { projectId, id: two.integration.id, enabled: true, actor });
    } finally {
      await stop();
    }
  });

  it("the triggers name the changed entities, one notification per statement, * past 50 entities", async () => {
    const { id, entityId } = await connectKey("user_payload");
    const touch = () =>
      deps.db.update(connections).set({ updatedAt: new Date() }).where(eq(connections.id, id));
    expect(await notificationsOf(touch)).toEqual([entityId]);
    // A statement that changes nothing announces nothing.
    const none = () =>
      deps.db.update(connections).set({ updatedAt: new Date() }).where(eq(connections.id, "none"));
    expect(await notificationsOf(none)).toEqual([]);
    // Bulk: 60 entities' connections in one statement → one "*".
    for (let i = 0; i < 60; i++) await connectKey(`user_bulk_${i}`);
    const bulk = () =>
      deps.db
        .update(connections)
        .set({ updatedAt: new Date() })
        .where(sql`${connections.projectId} = ${projectId}`);
    expect(await notificationsOf(bulk)).toEqual(["*"]);
    const integration = () =>
      deps.db
        .update(integrations)
        .set({ updatedAt: new Date() })
        .where(eq(integrations.projectId, projectId));
    expect(await notificationsOf(integration)).toEqual(["*"]);
  });

  it("does not keep a read that started before a drop, and trusts an entry for the TTL only", async () => {
    const { entityId } = await connectKey("user_race");
    const cache = new ConnectionCache();
    const key = ConnectionCache.key(projectId, "user_race", "sandbox_key");
    const row = await resolve(deps, "user_race");
    const started = cache.begin();
    cache.drop([entityId]);
    expect(cache.set(key, row, [entityId], started)).toBeUndefined();
    expect(cache.get(key)).toBeUndefined();
    expect(cache.set(key, row, [entityId], cache.begin())).toBe(row);
    expect(cache.get(key)).toBe(row);
    expect(cache.get(key, Date.now() + CONNECTION_TTL_MS + 1)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
