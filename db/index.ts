// Driver choice: postgres.js when DATABASE_URL is set, embedded PGlite otherwise. One handle per process.
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import { explainConnectError } from "./connect-error";
import { lockPgliteDir } from "./pglite-lock";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** The handle inside `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface DbHandle {
  db: Db;
  driver: "postgres" | "pglite";
  /**
   * LISTEN on a channel: `onPayload` for each NOTIFY; `onListening` each time the listener is
   * (re)connected — notifications sent while it was down are lost, so callers resynchronise there.
   */
  listen: (
    channel: string,
    onPayload: (payload: string) => void,
    onListening: () => void,
  ) => Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * drizzle sends every query it was not told to `.prepare()` as an unnamed statement, so Postgres
 * parses and plans it on every call. postgres.js can keep a named statement per connection and
 * query text instead (its own default): for a parameterised query that saves ~0.6 ms a call
 * (getConnection at 1,000,000 rows: 1.05 → 0.25 ms). Queries without parameters (migrations,
 * several statements in one string) still go as they are.
 */
function keepStatementsPrepared(client: Sql): void {
  const unsafe = client.unsafe.bind(client);
  client.unsafe = ((query: string, params?: unknown[], options?: { prepare?: boolean }) =>
    unsafe(
      query,
      params as never,
      params && params.length > 0 ? { ...options, prepare: true } : options,
    )) as typeof client.unsafe;
}

/** Open a database: a postgres:// URL, or a PGlite directory ("memory://" for an in-memory one). */
export async function openDb(target: { url: string } | { pgliteDir: string }): Promise<DbHandle> {
  if ("url" in target) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    let client: Sql | undefined;
    try {
      client = postgres(target.url, { max: 10, onnotice: () => {} });
      // Connect now, so a wrong URL fails here with its cause rather than in the first query.
      await client`select 1`;
    } catch (err) {
      await client?.end({ timeout: 0 }).catch(() => {});
      throw explainConnectError(err, target.url) ?? err;
    }
    keepStatementsPrepared(client);
    const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
    return {
      db,
      driver: "postgres",
      listen: async (channel, onPayload, onListening) => {
        const request = await client.listen(channel, onPayload, onListening);
        return () => request.unlisten();
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const inMemory = target.pgliteDir.startsWith("memory://");
  const dir = inMemory ? null : path.resolve(/*turbopackIgnore: true*/ target.pgliteDir);
  // Before PGlite touches the directory: a second process must not open it at all.
  const release = dir ? lockPgliteDir(dir) : () => {};
  let client: InstanceType<typeof PGlite>;
  try {
    client = dir ? new PGlite(dir) : new PGlite();
    await client.waitReady;
  } catch (err) {
    release();
    throw err;
  }
  const { drizzle } = await import("drizzle-orm/pglite");
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    listen: async (channel, onPayload, onListening) => {
      const unlisten = await client.listen(channel, onPayload);
      onListening();
      return () => unlisten();
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

const g = globalThis as unknown as { __keyportDb?: Promise<DbHandle> };

/** The process-wide handle (Next compiles several bundles: keep it on globalThis). */
export function sharedDb(open: () => Promise<DbHandle>): Promise<DbHandle> {
  g.__keyportDb ??= open();
  return g.__keyportDb;
}
