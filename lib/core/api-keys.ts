// Keyport's own API keys (SECURITY.md 14): kp_live_<≥128 random bits>, shown once, stored as a keyed hash.
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { keyedHash, randomToken } from "@/lib/crypto";
import { API_KEY_CHANNEL } from "./api-key-cache";
import { recordAudit } from "./audit";
import type { Actor, Deps } from "./deps";
import { AppError, notFound } from "./errors";
import { newId } from "./ids";

const KEY_PATTERN = /^kp_live_[A-Za-z0-9_-]{22,128}$/;
const LAST_USED_GRANULARITY_MS = 60_000;

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const summaryColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** Register a key (new random one unless `key` is given). Returns the full key once. */
export async function createApiKey(
  deps: Pick<Deps, "db" | "pepper">,
  input: { projectId: string; name: string; actor: Actor; key?: string },
): Promise<{ key: string; apiKey: ApiKeySummary }> {
  const name = input.name.trim();
  if (!name || name.length > 100)
    throw new AppError("bad_request", "name must be 1–100 characters");
  const key = input.key ?? `kp_live_${randomToken(24)}`;
  if (!KEY_PATTERN.test(key)) throw new AppError("bad_request", "API key has the wrong format");
  const [row] = await deps.db
    .insert(apiKeys)
    .values({
      id: newId("key"),
      projectId: input.projectId,
      name,
      prefix: key.slice(0, 12),
      hash: keyedHash(deps.pepper, key),
      createdBy: input.actor.id ?? null,
    })
    .returning(summaryColumns);
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: "api_key.create",
    objectType: "api_key",
    objectId: row!.id,
    detail: { name },
  });
  return { key, apiKey: row! };
}

/** Register the bootstrap key for a project unless it already exists (idempotent). */
export async function ensureApiKey(
  deps: Pick<Deps, "db" | "pepper">,
  input: { projectId: string; name: string; key: string; actor: Actor },
): Promise<void> {
  const hash = keyedHash(deps.pepper, input.key);
  const [existing] = await deps.db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(eq(apiKeys.hash, hash));
  if (!existing) await createApiKey(deps, input);
}

/** A project's keys, newest first; never the key itself. */
export async function listApiKeys(
  deps: Pick<Deps, "db">,
  projectId: string,
): Promise<ApiKeySummary[]> {
  return deps.db
    .select(summaryColumns)
    .from(apiKeys)
    .where(eq(apiKeys.projectId, projectId))
    .orderBy(desc(apiKeys.createdAt));
}

/** Revoke with immediate effect: here at once, and on every other instance by NOTIFY at commit. */
export async function revokeApiKey(
  deps: Pick<Deps, "db" | "apiKeyCache">,
  input: { projectId: string; id: string; actor: Actor },
): Promise<void> {
  const rows = await deps.db.transaction(async (tx) => {
    const revoked = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(apiKeys.projectId, input.projectId),
          eq(apiKeys.id, input.id),
          isNull(apiKeys.revokedAt),
        ),
      )
      .returning({ id: apiKeys.id });
    if (revoked.length > 0)
      await tx.execute(sql`select pg_notify(${API_KEY_CHANNEL}, ${input.id})`);
    return revoked;
  });
  deps.apiKeyCache?.dropKey(input.id);
  if (rows.length === 0) throw notFound("API key");
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: "api_key.revoke",
    objectType: "api_key",
    objectId: input.id,
  });
}

/** Resolve a presented key to its project, or null. Updates last-used at most once a minute. */
export async function authenticateApiKey(
  deps: Pick<Deps, "db" | "pepper" | "apiKeyCache">,
  key: string,
): Promise<{ projectId: string; keyId: string; name: string } | null> {
  if (!KEY_PATTERN.test(key)) return null;
  const hash = keyedHash(deps.pepper, key);
  const cache = deps.apiKeyCache;
  let found = cache?.get(hash);
  if (!found) {
    const generation = cache?.begin() ?? 0;
    // The lookup is by keyed hash (unique index); equality on a MAC of a secret leaks nothing useful.
    const [row] = await deps.db
      .select({
        keyId: apiKeys.id,
        projectId: apiKeys.projectId,
        name: apiKeys.name,
        lastUsedAt: apiKeys.lastUsedAt,
      })
      .from(apiKeys)
      .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)));
    if (!row) return null;
    found = cache?.remember(hash, row, generation) ?? row;
  }
  const now = Date.now();
  if (!found.lastUsedAt || now - found.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    const before = new Date(now - LAST_USED_GRANULARITY_MS);
    found.lastUsedAt = new Date(now);
    void deps.db
      .update(apiKeys)
      .set({ lastUsedAt: new Date(now) })
      .where(
        and(
          eq(apiKeys.id, found.keyId),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, before)),
        ),
      )
      .catch(() => {});
  }
  return { projectId: found.projectId, keyId: found.keyId, name: found.name };
}
