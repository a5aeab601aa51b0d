// `npm run db:migrate` (issue 11 item 12): migrates a fresh PGlite directory and a fresh Postgres
// database, says what it applied, is a no-op the second time, and fails readably.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db";
import { freePort } from "../support/free-port";
import { createPgDatabase, serverUrl } from "../support/db";
import { run } from "../support/processes";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-migrate-"));
const journal = JSON.parse(
  fs.readFileSync(path.join(process.cwd(), "db/migrations/meta/_journal.json"), "utf8"),
) as { entries: Array<{ tag: string }> };
const tags = journal.entries.map((e) => e.tag);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** `npm run db:migrate` with the server's variables: DATABASE_URL, or PGLITE_DIR when unset. */
function migrateCli(target: { url: string } | { pgliteDir: string }) {
  const env: NodeJS.ProcessEnv = { ...process.env, KEYPORT_DATA_DIR: tmp };
  delete env.TEST_DATABASE_URL;
  if ("url" in target) env.DATABASE_URL = target.url;
  else {
    delete env.DATABASE_URL;
    env.PGLITE_DIR = target.pgliteDir;
  }
  return run("npm", ["run", "--silent", "db:migrate"], env);
}

async function tablesIn(handle: DbHandle): Promise<string[]> {
  const result = await handle.db.execute(
    "select tablename from pg_tables where schemaname = 'public' order by 1",
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
    tablename: string;
  }>;
  return rows.map((r) => r.tablename);
}

async function migratesTwice(
  target: { url: string } | { pgliteDir: string },
  name: RegExp,
): Promise<void> {
  const first = await migrateCli(target);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stdout).toMatch(name);
  expect(first.stdout).toContain(`Applied ${tags.length} migration(s)`);
  for (const tag of tags) expect(first.stdout).toContain(tag);

  const second = await migrateCli(target);
  expect(second.code, second.stderr).toBe(0);
  expect(second.stdout).toContain("Nothing to do");
  expect(second.stdout).toContain(`(${tags.length} migrations, last ${tags.at(-1)})`);

  const handle = await openDb(target);
  try {
    expect(await tablesIn(handle)).toEqual(
      expect.arrayContaining(["connections", "executions", "integrations", "projects"]),
    );
  } finally {
    await handle.close();
  }
}

describe("npm run db:migrate", () => {
  it("migrates a fresh PGlite directory, then has nothing to do", async () => {
    const dir = path.join(tmp, "pglite");
    await migratesTwice({ pgliteDir: dir }, new RegExp(`to PGlite in ${dir}:`));
  }, 300_000);

  it.runIf(serverUrl())(
    "migrates a fresh Postgres database, then has nothing to do",
    async () => {
      const created = await createPgDatabase(serverUrl()!);
      try {
        const db = new URL(created.url).pathname;
        await migratesTwice({ url: created.url }, new RegExp(`to Postgres at [^ ]+${db}:`));
      } finally {
        await created.drop();
      }
    },
    300_000,
  );

  it("exits non-zero with a readable message when the database cannot be reached", async () => {
    const url = `postgres://postgres:pw-not-printed@127.0.0.1:${await freePort()}/nowhere`;
    const failed = await migrateCli({ url });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /nothing is listening at 127\.0\.0\.1:\d+ \(connection refused\)/,
    );
    expect(failed.stderr + failed.stdout).not.toContain("pw-not-printed");
  }, 120_000);
});
