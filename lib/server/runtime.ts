// The process-wide runtime: configuration, database, keyring, sandbox. Started once (on globalThis).
import { openDb, sharedDb, type DbHandle } from "@/db";
import { migrate } from "@/db/migrate";
import { watchedApiKeyCache } from "@/lib/core/api-key-cache";
import { watchedToolSessionCache } from "@/lib/core/tool-session-cache";
import { CONNECTION_CHANNEL, ConnectionCache } from "@/lib/core/connection-cache";
import type { Deps } from "@/lib/core/deps";
import { createKeyring, deriveSecret } from "@/lib/crypto";
import { env, type Env } from "@/lib/env";
import { seed } from "./seed";
import { startBackground } from "./background";

export interface Runtime {
  env: Env;
  handle: DbHandle;
  deps: Deps;
}

const g = globalThis as unknown as {
  __keyportRuntime?: Promise<Runtime>;
  __keyportReady?: boolean;
};

async function start(): Promise<Runtime> {
  const e = env();
  const keyring = createKeyring(e.encryptionKeys);
  const handle = await sharedDb(() =>
    openDb(e.databaseUrl ? { url: e.databaseUrl } : { pgliteDir: e.pgliteDir }),
  );
  await migrate(handle);
  const connectionCache = new ConnectionCache();
  await connectionCache.follow(handle.listen, CONNECTION_CHANNEL);
  const deps: Deps = {
    db: handle.db,
    keyring,
    pepper: deriveSecret(e.authSecret, "api-key-pepper"),
    publicUrl: e.publicUrl,
    flowTtlSeconds: e.flowTtlSeconds,
    abandonedRetentionDays: e.abandonedRetentionDays,
    allowLoopbackEgress: e.allowLoopbackEgress,
    apiKeyCache: (await watchedApiKeyCache(handle.listen)).cache,
    toolSessionCache: (await watchedToolSessionCache(handle.listen)).cache,
    connectionCache,
  };
  if (e.sandboxUrl) deps.sandboxOrigin = e.sandboxUrl;
  else if (e.sandbox) {
    const { startSandboxOnce } = await import("./sandbox");
    deps.sandboxOrigin = await startSandboxOnce(e);
  }
  await seed(deps, e);
  startBackground(deps, { listen: handle.listen, webhookRetentionDays: e.webhookRetentionDays });
  g.__keyportReady = true;
  return { env: e, handle, deps };
}

/** The started runtime; the first caller starts it. */
export function runtime(): Promise<Runtime> {
  g.__keyportRuntime ??= start().catch((err: unknown) => {
    g.__keyportRuntime = undefined;
    throw err;
  });
  return g.__keyportRuntime;
}

/** The dependencies core functions take. */
export async function deps(): Promise<Deps> {
  return (await runtime()).deps;
}

/** True once migrations ran and seeding finished. */
export function isReady(): boolean {
  return g.__keyportReady === true;
}
