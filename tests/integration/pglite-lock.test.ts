// One process per PGlite directory (issue 11 item 4): a second opener (db:migrate, keys:rotate, the
// server) exits at once naming the directory and the holder; a closed or killed holder frees it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lockPgliteDir, PgliteLockedError } from "@/db/pglite-lock";
import { exited, nextLine, run, startUntil } from "../support/processes";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-lock-"));
const tsx = (script: string) => [process.execPath, ["--import", "tsx", script]] as const;

/** The environment of a process on the PGlite directory `dir` (never a Postgres URL). */
function envFor(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KEYPORT_DATA_DIR: tmp, PGLITE_DIR: dir };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  return env;
}

/** A process holding the directory (open, migrated or not), once it says so. */
const holder = (dir: string) =>
  startUntil(
    process.execPath,
    ["--import", "tsx", "tests/support/db-holder.ts"],
    envFor(dir),
    /holding (\d+)/,
  );

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("PGlite directory lock", () => {
  it("in one process, a second lock on the directory is refused until the first is released", () => {
    const dir = path.join(tmp, "in-process");
    const release = lockPgliteDir(dir);
    let refused: unknown;
    try {
      lockPgliteDir(dir);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(PgliteLockedError);
    expect((refused as Error).message).toContain(dir);
    expect((refused as Error).message).toContain(`process ${process.pid}`);
    release();
    expect(fs.existsSync(path.join(dir, "keyport.lock"))).toBe(false);
    lockPgliteDir(dir)();
  });

  it("db:migrate and keys:rotate exit at once naming the directory and the holder; after close or kill -9 they run", async () => {
    const dir = path.join(tmp, "shared");
    const first = await holder(dir);
    const holderPid = Number(first.match[1]);
    try {
      const filesBefore = fs.readdirSync(dir).sort();
      for (const script of ["db/migrate-cli.ts", "scripts/keys-rotate.ts"]) {
        const [node, args] = tsx(script);
        const refused = await run(node, [...args], envFor(dir));
        expect(refused.code, refused.stdout + refused.stderr).toBe(1);
        expect(refused.stderr).toContain(
          `The PGlite database in ${dir} is in use by process ${holderPid}`,
        );
        expect(refused.stderr).toContain("tests/support/db-holder.ts");
        console.log(`${script} refused in ${refused.ms} ms`);
      }
      // Refused before PGlite started: nothing in the directory changed.
      expect(fs.readdirSync(dir).sort()).toEqual(filesBefore);

      // Closed (the process lives on): the directory is free.
      first.child.stdin!.write("close\n");
      await nextLine(first.child, /closed/);
      expect(fs.existsSync(path.join(dir, "keyport.lock"))).toBe(false);
      const [node, args] = tsx("db/migrate-cli.ts");
      const migrated = await run(node, [...args], envFor(dir));
      expect(migrated.code, migrated.stderr).toBe(0);
      expect(migrated.stdout).toMatch(/Applied \d+ migration\(s\) to PGlite in /);
    } finally {
      first.child.stdin!.write("exit\n");
      await exited(first.child);
    }

    // Killed with SIGKILL: its lock stays behind, names a dead process, and is taken over.
    const second = await holder(dir);
    const secondPid = Number(second.match[1]);
    process.kill(secondPid, "SIGKILL");
    await exited(second.child);
    const stale = JSON.parse(fs.readFileSync(path.join(dir, "keyport.lock"), "utf8")) as {
      pid: number;
    };
    expect(stale.pid).toBe(secondPid);
    const [node, args] = tsx("db/migrate-cli.ts");
    const after = await run(node, [...args], envFor(dir));
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain(`Nothing to do: PGlite in ${dir} is up to date`);
    expect(fs.existsSync(path.join(dir, "keyport.lock"))).toBe(false);
  }, 300_000);
});
