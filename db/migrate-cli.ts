// `npm run db:migrate` – apply pending migrations to the server's database (DATABASE_URL, or the
// PGlite directory, whose lock it takes like the server does), print what it did, then exit.
import path from "node:path";
import { ConfigError, loadEnv } from "@/lib/env";
import { DatabaseConnectError } from "./connect-error";
import { openDb, type DbHandle } from "./index";
import { appliedMigrations, migrate } from "./migrate";
import { PgliteLockedError } from "./pglite-lock";

/** Where the database is, without the password of a URL. */
function describeTarget(databaseUrl: string | undefined, pgliteDir: string): string {
  if (!databaseUrl) return `PGlite in ${path.resolve(pgliteDir)}`;
  const u = new URL(databaseUrl);
  return `Postgres at ${u.hostname}:${u.port || "5432"}${u.pathname}`;
}

/** Thrown with the database named, so the one line printed says what failed where. */
class MigrateError extends Error {}

async function migrateTarget(
  target: string,
  open: () => Promise<DbHandle>,
): Promise<{ applied: string[]; all: string[] }> {
  let handle: DbHandle | undefined;
  try {
    handle = await open();
    const before = await appliedMigrations(handle);
    await migrate(handle);
    const all = await appliedMigrations(handle);
    return { applied: all.filter((tag) => !before.includes(tag)), all };
  } catch (err) {
    if (err instanceof PgliteLockedError || err instanceof DatabaseConnectError) throw err;
    throw new MigrateError(`${target}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await handle?.close().catch(() => {});
  }
}

async function main(): Promise<void> {
  const env = loadEnv();
  const target = describeTarget(env.databaseUrl, env.pgliteDir);
  const { applied, all } = await migrateTarget(target, () =>
    openDb(env.databaseUrl ? { url: env.databaseUrl } : { pgliteDir: env.pgliteDir }),
  );
  if (applied.length === 0) {
    console.log(
      `Nothing to do: ${target} is up to date (${all.length} migrations, last ${all.at(-1) ?? "none"}).`,
    );
    return;
  }
  console.log(`Applied ${applied.length} migration(s) to ${target}:`);
  for (const tag of applied) console.log(`  ${tag}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const message =
      err instanceof ConfigError ||
      err instanceof PgliteLockedError ||
      err instanceof DatabaseConnectError
        ? err.message
        : `db:migrate failed on ${err instanceof MigrateError ? "" : "start: "}${err instanceof Error ? err.message : String(err)}`;
    console.error(message);
    process.exit(1);
  },
);
