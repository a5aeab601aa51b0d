// SIGTERM with execution rows still queued (issue 11 item 11): the process writes them and closes
// the database before it exits, alone or when another handler (next start, the front server)
// calls process.exit.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/db";
import { createPgDatabase, serverUrl } from "../support/db";
import { run } from "../support/processes";

const ROWS = 2_000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-shutdown-"));
let target: { url: string } | { pgliteDir: string };
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const base = serverUrl();
  if (base) {
    const created = await createPgDatabase(base);
    target = { url: created.url };
    drop = created.drop;
  } else target = { pgliteDir: path.join(tmp, "pglite") };
});

afterAll(async () => {
  await drop?.();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function stoppedWhileWriting(exitsItself: boolean) {
  const env: NodeJS.ProcessEnv = { ...process.env, KEYPORT_DATA_DIR: tmp };
  delete env.TEST_DATABASE_URL;
  if ("url" in target) env.DATABASE_URL = target.url;
  else {
    delete env.DATABASE_URL;
    env.PGLITE_DIR = target.pgliteDir;
  }
  const args = ["--import", "tsx", "tests/support/log-writer-process.ts", String(ROWS)];
  return run(process.execPath, exitsItself ? [...args, "--exits-itself"] : args, env);
}

/** Rows each SHUTDOWN_ action has, read after the process is gone (the PGlite lock is free). */
async function rowsPerAction(): Promise<number[]> {
  const handle = await openDb(target);
  try {
    const result = await handle.db.execute(
      sql`select action, count(*)::int as n from executions where project_id = 'prj_shutdown' group by action`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
      n: number;
    }>;
    await handle.db.execute(sql`delete from executions where project_id = 'prj_shutdown'`);
    return rows.map((r) => Number(r.n));
  } finally {
    await handle.close();
  }
}

describe("shutdown flushes the execution log", () => {
  it("SIGTERM with rows queued: all are written, once, and the process ends as SIGTERM would", async () => {
    const stopped = await stoppedWhileWriting(false);
    expect(stopped.stdout).toContain(`recorded ${ROWS}`);
    expect(stopped.code, stopped.stderr).toBe(143);
    const counts = await rowsPerAction();
    expect(counts).toHaveLength(ROWS);
    expect(new Set(counts)).toEqual(new Set([1]));
  }, 300_000);

  it("another SIGTERM handler calls process.exit: the exit waits until the rows are written", async () => {
    const stopped = await stoppedWhileWriting(true);
    expect(stopped.code, stopped.stderr).toBe(143);
    const counts = await rowsPerAction();
    expect(counts).toHaveLength(ROWS);
    expect(new Set(counts)).toEqual(new Set([1]));
  }, 300_000);
});
