// Applies the committed drizzle-kit migrations; used at boot, by `npm run db:migrate` and in tests.
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { DbHandle } from "./index";

const folder = () => path.resolve(/*turbopackIgnore: true*/ process.cwd(), "db/migrations");

/** Apply pending migrations under an advisory lock so several instances can boot together. */
export async function migrate(handle: DbHandle): Promise<void> {
  const migrationsFolder = folder();
  if (handle.driver === "pglite") {
    const { migrate: run } = await import("drizzle-orm/pglite/migrator");
    await run(handle.db as never, { migrationsFolder });
    return;
  }
  const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
  await handle.db.execute(sql`select pg_advisory_lock(727274)`);
  try {
    await run(handle.db as never, { migrationsFolder });
  } finally {
    await handle.db.execute(sql`select pg_advisory_unlock(727274)`);
  }
}

/** Rows of `db.execute`: an array on postgres.js, `{ rows }` on PGlite. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Tags (e.g. "0005_connection-notify") of the committed migrations this database has applied. */
export async function appliedMigrations(handle: DbHandle): Promise<string[]> {
  const [table] = rowsOf<{ name: string | null }>(
    await handle.db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`),
  );
  if (!table?.name) return [];
  const applied = rowsOf<{ created_at: string | number }>(
    await handle.db.execute(sql`select created_at from drizzle.__drizzle_migrations`),
  ).map((r) => Number(r.created_at));
  const journal = JSON.parse(
    fs.readFileSync(path.join(folder(), "meta/_journal.json"), "utf8"),
  ) as { entries: Array<{ tag: string; when: number }> };
  // The migrator records each migration by its journal timestamp.
  return journal.entries.filter((e) => applied.includes(e.when)).map((e) => e.tag);
}
