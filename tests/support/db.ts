// A fresh database per test file: PGlite in memory, or a new database on the Postgres server
// named by TEST_DATABASE_URL / DATABASE_URL (created here, dropped on close).
import crypto from "node:crypto";
import postgres from "postgres";
import { openDb, type DbHandle } from "@/db";
import { migrate } from "@/db/migrate";
import type { Deps } from "@/lib/core/deps";
import { createKeyring } from "@/lib/crypto";

export const serverUrl = () => process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

/** Create an empty database on the Postgres server; returns its URL and a drop function. */
export async function createPgDatabase(
  base: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `keyport_t_${crypto.randomBytes(6).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export interface TestDb extends DbHandle {
  url?: string;
}

/** Open a migrated, empty database for one test file. */
export async function openTestDb(): Promise<TestDb> {
  const base = serverUrl();
  if (!base) {
    const handle = await openDb({ pgliteDir: "memory://" });
    await migrate(handle);
    return handle;
  }
  const created = await createPgDatabase(base);
  const handle = await openDb({ url: created.url });
  await migrate(handle);
  return {
    ...handle,
    url: created.url,
    close: async () => {
      await handle.close();
      await created.drop();
    },
  };
}

export const TEST_KEYS = `t1:${Buffer.alloc(32, 7).toString("base64")},t0:${Buffer.alloc(32, 3).toString("base64")}`;

/** Deps for core functions over a test database. */
export function testDeps(handle: DbHandle, extra: Partial<Deps> = {}): Deps {
  return {
    db: handle.db,
    keyring: createKeyring(TEST_KEYS),
    pepper: "test-pepper",
    publicUrl: "http://localhost:3000",
    flowTtlSeconds: 600,
    allowLoopbackEgress: true,
    ...extra,
  };
}
