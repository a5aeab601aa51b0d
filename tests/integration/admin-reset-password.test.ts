// Operator accounts (issue 13 item 5): `npm run admin:reset-password -- EMAIL` prints a new
// one-time password once, the old password stops working, the reset is audited; an unknown email
// is a readable error. The first admin's password file is kept per database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db";
import { migrate } from "@/db/migrate";
import { auditLog } from "@/db/schema";
import { createOperator, verifySignIn } from "@/lib/core/operators";
import { loadEnv } from "@/lib/env";
import { firstAdminFile } from "@/lib/server/first-admin-file";
import { seed } from "@/lib/server/seed";
import { createPgDatabase, serverUrl, testDeps } from "../support/db";
import { run } from "../support/processes";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-reset-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A migrated database the CLI can reach: a fresh Postgres database, or a PGlite directory. */
async function database(name: string): Promise<{
  target: { url: string } | { pgliteDir: string };
  drop: () => Promise<void>;
}> {
  const base = serverUrl();
  if (base) {
    const created = await createPgDatabase(base);
    return { target: { url: created.url }, drop: created.drop };
  }
  return { target: { pgliteDir: path.join(tmp, name) }, drop: async () => {} };
}

function cliEnv(target: { url: string } | { pgliteDir: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KEYPORT_DATA_DIR: tmp };
  delete env.TEST_DATABASE_URL;
  if ("url" in target) env.DATABASE_URL = target.url;
  else {
    delete env.DATABASE_URL;
    env.PGLITE_DIR = target.pgliteDir;
  }
  return env;
}

async function withDb<T>(
  target: { url: string } | { pgliteDir: string },
  fn: (h: DbHandle) => Promise<T>,
) {
  const handle = await openDb(target);
  try {
    await migrate(handle);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

describe("npm run admin:reset-password -- EMAIL", () => {
  it("prints a new one-time password once; the old one stops working; the reset is audited", async () => {
    const { target, drop } = await database("reset");
    try {
      const email = "Lost.Admin@example.com";
      const old = "the-password-they-lost-1";
      const op = await withDb(target, (h) =>
        createOperator({ db: h.db }, { email, name: "Lost Admin", password: old }),
      );
      const out = await run(
        "npm",
        ["run", "--silent", "admin:reset-password", "--", "lost.admin@EXAMPLE.com"],
        cliEnv(target),
      );
      expect(out.code, out.stderr).toBe(0);
      expect(out.stdout).toContain("New one-time password for lost.admin@example.com:");
      const printed = /^\s+([A-Za-z0-9]{5}(?:-[A-Za-z0-9]{5}){3})$/m.exec(out.stdout)?.[1];
      expect(printed, out.stdout).toBeDefined();
      expect(out.stdout.split(printed!).length - 1).toBe(1);

      await withDb(target, async (h) => {
        const d = { db: h.db };
        expect(await verifySignIn(d, { email, password: old, client: "10.0.0.1" })).toMatchObject({
          ok: false,
        });
        expect(
          await verifySignIn(d, { email, password: printed!, client: "10.0.0.2" }),
        ).toMatchObject({ ok: true, operator: { id: op.id, mustChangePassword: true } });
        const audit = await h.db
          .select({ verb: auditLog.verb, actorLabel: auditLog.actorLabel, detail: auditLog.detail })
          .from(auditLog)
          .where(eq(auditLog.objectId, op.id));
        expect(audit).toEqual([
          {
            verb: "operator.password_reset",
            actorLabel: "admin:reset-password",
            detail: { email: "lost.admin@example.com" },
          },
        ]);
        expect(JSON.stringify(audit)).not.toContain(printed!);
      });
    } finally {
      await drop();
    }
  }, 240_000);

  it("an unknown email and a missing argument are readable errors, nothing changes", async () => {
    const { target, drop } = await database("unknown");
    try {
      await withDb(target, (h) =>
        createOperator(
          { db: h.db },
          { email: "someone@example.com", name: "S", password: "someone-password-1" },
        ),
      );
      const unknown = await run(
        "npm",
        ["run", "--silent", "admin:reset-password", "--", "nobody@example.com"],
        cliEnv(target),
      );
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('No operator has the email "nobody@example.com"');
      expect(unknown.stderr).not.toMatch(/\n\s+at /);
      expect(unknown.stdout).not.toContain("one-time password");

      const missing = await run("npm", ["run", "--silent", "admin:reset-password"], cliEnv(target));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("Usage: npm run admin:reset-password -- EMAIL");

      await withDb(target, async (h) => {
        expect(
          await verifySignIn(
            { db: h.db },
            { email: "someone@example.com", password: "someone-password-1", client: "10.0.0.3" },
          ),
        ).toMatchObject({ ok: true });
        expect(await h.db.select({ id: auditLog.id }).from(auditLog)).toEqual([]);
      });
    } finally {
      await drop();
    }
  }, 240_000);
});

describe("the first admin's password file", () => {
  it("is named after the database: two PGlite directories and two Postgres databases never share one", () => {
    const dataDir = path.join(tmp, "names");
    const names = [
      firstAdminFile({ dataDir, databaseUrl: undefined, pgliteDir: "/a/pglite" }),
      firstAdminFile({ dataDir, databaseUrl: undefined, pgliteDir: "/b/pglite" }),
      firstAdminFile({ dataDir, databaseUrl: "postgres://u:pw@db.local:5433/one", pgliteDir: "x" }),
      firstAdminFile({ dataDir, databaseUrl: "postgres://u:pw@db.local:5433/two", pgliteDir: "x" }),
    ];
    expect(new Set(names).size).toBe(4);
    for (const n of names) expect(path.dirname(n)).toBe(dataDir);
    expect(path.basename(names[2]!)).toBe("first-admin.postgres-one-db.local-5433.txt");
    expect(names.join()).not.toContain("pw");
  });

  it("first boot on a second database keeps the first database's file; the password in it is one-time", async () => {
    const dataDir = path.join(tmp, "seeded");
    const files: string[] = [];
    for (const name of ["first", "second"]) {
      const pgliteDir = path.join(tmp, `seed-${name}`);
      const e = loadEnv({
        NODE_ENV: "development",
        KEYPORT_DATA_DIR: dataDir,
        PGLITE_DIR: pgliteDir,
        KEYPORT_SANDBOX: "0",
      });
      await withDb({ pgliteDir }, async (h) => {
        const deps = testDeps(h);
        await seed(deps, e);
        if (name !== "first") return;
        // The generated password is one-time like every other: the first sign-in must change it.
        const [email, password] = fs.readFileSync(firstAdminFile(e), "utf8").split("\n");
        const signedIn = await verifySignIn(deps, {
          email: email!,
          password: password!,
          client: "203.0.113.7",
        });
        expect(signedIn).toMatchObject({ ok: true, operator: { mustChangePassword: true } });
      });
      files.push(firstAdminFile(e));
    }
    expect(files[0]).not.toBe(files[1]);
    const [a, b] = files.map((f) => fs.readFileSync(f, "utf8"));
    expect(a).toMatch(/^admin@keyport\.local\n\S+\n$/);
    expect(b).toMatch(/^admin@keyport\.local\n\S+\n$/);
    expect(a).not.toBe(b);
    expect(fs.existsSync(path.join(dataDir, "first-admin.txt"))).toBe(false);
  }, 120_000);
});
