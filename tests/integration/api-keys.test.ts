import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/db";
import { apiKeys, auditLog } from "@/db/schema";
import {
  authenticateApiKey,
  createApiKey,
  ensureApiKey,
  listApiKeys,
  revokeApiKey,
} from "@/lib/core/api-keys";
import { API_KEY_TTL_MS, ApiKeyCache, watchedApiKeyCache } from "@/lib/core/api-key-cache";
import type { Actor, Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { createProject } from "@/lib/core/projects";
import { keyedHash } from "@/lib/crypto";
import { openTestDb, testDeps, type TestDb } from "../support/db";

const PREFIX = "kp_live_";
const actor: Actor = { type: "operator", id: "op_test", label: "test@example.com" };

let handle: TestDb;
let deps: Deps;
let projectA: string;
let projectB: string;

beforeAll(async () => {
  handle = await openTestDb();
  deps = testDeps(handle);
  projectA = (await createProject(deps, { name: "Project A", actor })).id;
  projectB = (await createProject(deps, { name: "Project B", actor })).id;
});

afterAll(async () => {
  await handle?.close();
});

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("API keys (SECURITY.md 14)", () => {
  it("creates a kp_live_ key with at least 128 random bits, shown once", async () => {
    const { key, apiKey } = await createApiKey(deps, { projectId: projectA, name: "ci", actor });
    expect(key.startsWith(PREFIX)).toBe(true);
    const random = key.slice(PREFIX.length);
    expect(random).toMatch(/^[A-Za-z0-9_-]+$/);
    // base64url carries 6 bits per character.
    expect(random.length * 6).toBeGreaterThanOrEqual(128);
    expect(apiKey.prefix).toBe(key.slice(0, 12));
    expect(JSON.stringify(apiKey)).not.toContain(random);
    const other = await createApiKey(deps, { projectId: projectA, name: "ci-2", actor });
    expect(other.key).not.toBe(key);
  });

  it("stores only a keyed hash: no column of any key row, nor the audit log, holds the key", async () => {
    const { key } = await createApiKey(deps, { projectId: projectA, name: "stored", actor });
    const random = key.slice(PREFIX.length);
    const rows = await deps.db.select().from(apiKeys);
    const audit = await deps.db.select().from(auditLog);
    for (const dump of [JSON.stringify(rows), JSON.stringify(audit)]) {
      expect(dump).not.toContain(key);
      expect(dump).not.toContain(random);
      expect(dump).not.toContain(random.slice(-12));
    }
    const [row] = await deps.db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.hash, keyedHash(deps.pepper, key)));
    expect(row?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("authenticates a key to its project and refuses it under another server pepper", async () => {
    const { key, apiKey } = await createApiKey(deps, { projectId: projectA, name: "auth", actor });
    expect(await authenticateApiKey(deps, key)).toEqual({
      projectId: projectA,
      keyId: apiKey.id,
      name: "auth",
    });
    expect(await authenticateApiKey({ ...deps, pepper: "another-pepper" }, key)).toBeNull();
  });

  it("refuses a revoked key at once", async () => {
    const { key, apiKey } = await createApiKey(deps, {
      projectId: projectA,
      name: "revoke",
      actor,
    });
    expect(await authenticateApiKey(deps, key)).not.toBeNull();
    await revokeApiKey(deps, { projectId: projectA, id: apiKey.id, actor });
    expect(await authenticateApiKey(deps, key)).toBeNull();
    const listed = await listApiKeys(deps, projectA);
    expect(listed.find((k) => k.id === apiKey.id)?.revokedAt).toBeInstanceOf(Date);
    // Revoking twice is "not found": there is nothing left to revoke.
    await expect(revokeApiKey(deps, { projectId: projectA, id: apiKey.id, actor })).rejects.toThrow(
      AppError,
    );
  });

  it("returns null for malformed or unknown keys", async () => {
    const { key } = await createApiKey(deps, { projectId: projectA, name: "shape", actor });
    const flipped = key.slice(0, -1) + (key.endsWith("A") ? "B" : "A");
    for (const bad of [
      "",
      "kp_live_",
      "kp_live_short",
      key.replace("kp_live_", "kp_test_"),
      key.replace("kp_live_", "KP_LIVE_"),
      ` ${key}`,
      `${key} `,
      `${key}\n`,
      `Bearer ${key}`,
      key.slice(PREFIX.length),
      `${key}.`,
      flipped,
      `kp_live_${"A".repeat(129)}`,
    ]) {
      expect(await authenticateApiKey(deps, bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it("resolves a key of project A to A only; A cannot revoke B's key", async () => {
    const a = await createApiKey(deps, { projectId: projectA, name: "a", actor });
    const b = await createApiKey(deps, { projectId: projectB, name: "b", actor });
    expect((await authenticateApiKey(deps, a.key))?.projectId).toBe(projectA);
    expect((await authenticateApiKey(deps, b.key))?.projectId).toBe(projectB);
    expect((await listApiKeys(deps, projectA)).map((k) => k.id)).not.toContain(b.apiKey.id);
    await expect(
      revokeApiKey(deps, { projectId: projectA, id: b.apiKey.id, actor }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await authenticateApiKey(deps, b.key))?.projectId).toBe(projectB);
  });

  it("records when a key was last used", async () => {
    const { key, apiKey } = await createApiKey(deps, { projectId: projectA, name: "used", actor });
    const lastUsed = async () =>
      (await listApiKeys(deps, projectA)).find((k) => k.id === apiKey.id)?.lastUsedAt ?? null;
    expect(await lastUsed()).toBeNull();
    const before = Date.now();
    await authenticateApiKey(deps, key);
    // The update is fire-and-forget so that authentication never waits on it.
    const at = await waitFor(lastUsed, (v) => v !== null);
    expect(at).toBeInstanceOf(Date);
    expect(at!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
  });

  it("ensureApiKey registers a bootstrap key once, however often it runs", async () => {
    const key = `${PREFIX}${"b".repeat(30)}`;
    const input = { projectId: projectB, name: "bootstrap", key, actor };
    await ensureApiKey(deps, input);
    await ensureApiKey(deps, input);
    const named = (await listApiKeys(deps, projectB)).filter((k) => k.name === "bootstrap");
    expect(named).toHaveLength(1);
    expect((await authenticateApiKey(deps, key))?.projectId).toBe(projectB);
  });

  it("refuses a caller-chosen key of the wrong shape and an empty name", async () => {
    await expect(
      createApiKey(deps, { projectId: projectA, name: "x", key: "kp_live_short", actor }),
    ).rejects.toMatchObject({ code: "bad_request" });
    await expect(
      createApiKey(deps, { projectId: projectA, name: "  ", actor }),
    ).rejects.toMatchObject({
      code: "bad_request",
    });
  });
});

describe("API key cache: no lookup per call, revocation still immediate", () => {
  /** Two "instances": each its own cache listening for revocations (on Postgres, its own connection). */
  async function instances() {
    const other = handle.url ? await openDb({ url: handle.url }) : handle;
    const a = await watchedApiKeyCache(handle.listen);
    const b = await watchedApiKeyCache(other.listen);
    return {
      a: { ...deps, apiKeyCache: a.cache },
      b: { ...deps, db: other.db, apiKeyCache: b.cache },
      stop: async () => {
        await a.stop();
        await b.stop();
        if (other !== handle) await other.close();
      },
    };
  }

  it("answers a known key from the cache, even once the row is gone", async () => {
    const { a, stop } = await instances();
    try {
      const { key, apiKey } = await createApiKey(a, { projectId: projectA, name: "cached", actor });
      expect(await authenticateApiKey(a, key)).toMatchObject({ keyId: apiKey.id });
      expect(a.apiKeyCache.size).toBe(1);
      // Proof the second answer comes from memory: the row is deleted behind the cache's back.
      await handle.db.delete(apiKeys).where(eq(apiKeys.id, apiKey.id));
      expect(await authenticateApiKey(a, key)).toMatchObject({ keyId: apiKey.id });
      // …and a fresh cache (another instance) no longer finds it.
      expect(await authenticateApiKey({ ...deps, apiKeyCache: new ApiKeyCache() }, key)).toBeNull();
    } finally {
      await stop();
    }
  });

  it("a revocation on one instance reaches the other's cache by notification", async () => {
    const { a, b, stop } = await instances();
    try {
      const { key, apiKey } = await createApiKey(a, { projectId: projectA, name: "shared", actor });
      expect(await authenticateApiKey(a, key)).not.toBeNull();
      expect(await authenticateApiKey(b, key)).not.toBeNull();
      expect(b.apiKeyCache.size).toBe(1);
      const notified = b.apiKeyCache.nextDrop();
      await revokeApiKey(a, { projectId: projectA, id: apiKey.id, actor });
      // The revoking instance refuses at once, without waiting for anything.
      expect(await authenticateApiKey(a, key)).toBeNull();
      await notified;
      expect(b.apiKeyCache.size).toBe(0);
      expect(await authenticateApiKey(b, key)).toBeNull();
    } finally {
      await stop();
    }
  });

  it("a lookup that started before a revocation is not cached", () => {
    const cache = new ApiKeyCache();
    const started = cache.begin();
    cache.dropKey("key_other");
    const key = { projectId: "p", keyId: "key_1", name: "n", lastUsedAt: null };
    expect(cache.remember("h", key, started)).toBeUndefined();
    expect(cache.get("h")).toBeUndefined();
    expect(cache.remember("h", key, cache.begin())).toMatchObject({ keyId: "key_1" });
    // Entries live for API_KEY_TTL_MS at most.
    expect(cache.get("h", Date.now() + API_KEY_TTL_MS + 1)).toBeUndefined();
  });
});
