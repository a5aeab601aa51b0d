// Clear start-up errors (issue 13 item 9): a DATABASE_URL Keyport cannot use stops the server's
// start-up and `npm run db:migrate` with the cause and the fix, no stack trace and no password.
import { describe, expect, it } from "vitest";
import { freePort } from "../support/free-port";
import { serverUrl } from "../support/db";
import { run, type Finished } from "../support/processes";

const PASSWORD = "pw-never-printed-9f3";

function envWith(url: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, KEYPORT_SANDBOX: "0" };
  delete env.TEST_DATABASE_URL;
  return env;
}

/** The server's start-up (boot) and `npm run db:migrate`, each on `url`. */
async function bothOn(url: string): Promise<Array<[string, Finished]>> {
  const env = envWith(url);
  return [
    [
      "boot",
      await run(process.execPath, ["--import", "tsx", "tests/support/boot-process.ts"], env),
    ],
    ["db:migrate", await run("npm", ["run", "--silent", "db:migrate"], env)],
  ];
}

function expectReadableFailure(name: string, out: Finished, cause: RegExp, fix: RegExp): void {
  const text = out.stdout + out.stderr;
  expect(out.code, `${name}: ${text}`).toBe(1);
  expect(text, name).toMatch(cause);
  expect(text, name).toMatch(fix);
  expect(text, name).not.toContain(PASSWORD);
  expect(text, name).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  expect(text, name).not.toContain("Failed query");
}

describe("start-up with a DATABASE_URL Keyport cannot use", () => {
  it.runIf(serverUrl())(
    "a database that does not exist: names it and the createdb command that makes it",
    async () => {
      const base = new URL(serverUrl()!);
      const url = `postgres://postgres:${PASSWORD}@${base.hostname}:${base.port || 5432}/keyport_missing_db_13`;
      for (const [name, out] of await bothOn(url))
        expectReadableFailure(
          name,
          out,
          /database "keyport_missing_db_13" does not exist/,
          new RegExp(
            `createdb -h ${base.hostname} -p ${base.port || 5432} -U postgres keyport_missing_db_13`,
          ),
        );
    },
    180_000,
  );

  it("a closed port: says nothing listens there and how to fix it", async () => {
    const port = await freePort();
    const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/keyport`;
    for (const [name, out] of await bothOn(url))
      expectReadableFailure(
        name,
        out,
        new RegExp(`nothing is listening at 127\\.0\\.0\\.1:${port} \\(connection refused\\)`),
        /Start Postgres there, or fix the host and port in DATABASE_URL/,
      );
  }, 180_000);

  it("an unknown host, a role that does not exist and a URL that is not postgres:// are explained", async () => {
    const cases: Array<[string, RegExp, RegExp]> = [
      [
        `postgres://postgres:${PASSWORD}@no-such-host.invalid:5432/keyport`,
        /the host "no-such-host\.invalid" is unknown/,
        /Fix the host name in DATABASE_URL/,
      ],
      [
        `mysql://root:${PASSWORD}@127.0.0.1/keyport`,
        /DATABASE_URL: must be a postgres:\/\/ URL/,
        /postgres:\/\/user:password@host:5432\/keyport/,
      ],
    ];
    if (serverUrl()) {
      const base = new URL(serverUrl()!);
      cases.push([
        `postgres://nobody_13:${PASSWORD}@${base.hostname}:${base.port || 5432}/keyport`,
        /refused user "nobody_13": role "nobody_13" does not exist/,
        /createuser -h/,
      ]);
    }
    for (const [url, cause, fix] of cases) {
      const out = await run(
        process.execPath,
        ["--import", "tsx", "tests/support/boot-process.ts"],
        envWith(url),
      );
      expectReadableFailure(url.replace(PASSWORD, "…"), out, cause, fix);
    }
  }, 180_000);
});
