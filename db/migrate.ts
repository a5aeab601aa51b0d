// Applies the committed drizzle-kit migrations; used at boot, by `npm run db:migrate` and in tests.
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
