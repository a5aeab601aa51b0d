// `npm run admin:reset-password -- EMAIL` – give an operator a new one-time password (printed once;
// it must be changed at the next sign-in), end their sessions and audit it. For an admin who lost
// their password: run it where the server's DATABASE_URL (or PGlite directory) is configured.
import { openDb, type DbHandle } from "@/db";
import { DatabaseConnectError } from "@/db/connect-error";
import { migrate } from "@/db/migrate";
import { PgliteLockedError } from "@/db/pglite-lock";
import { AppError } from "@/lib/core/errors";
import { resetPassword } from "@/lib/core/operators";
import { ConfigError, loadEnv } from "@/lib/env";

const USAGE = "Usage: npm run admin:reset-password -- EMAIL";

async function main(): Promise<number> {
  const email = process.argv.slice(2).find((a) => !a.startsWith("-"));
  if (!email) {
    console.error(USAGE);
    return 2;
  }
  const env = loadEnv();
  let handle: DbHandle;
  try {
    handle = await openDb(
      env.databaseUrl ? { url: env.databaseUrl } : { pgliteDir: env.pgliteDir },
    );
  } catch (err) {
    if (!(err instanceof PgliteLockedError)) throw err;
    console.error(
      `${err.message}\nWith PGlite, stop the Keyport server, run npm run admin:reset-password, then start it again.`,
    );
    return 1;
  }
  try {
    await migrate(handle);
    const { operator, oneTimePassword } = await resetPassword(
      { db: handle.db },
      { email, actor: { type: "system", label: "admin:reset-password" } },
    );
    // The one deliberate print of a secret: the new one-time password, once, to this terminal.
    console.log(
      [
        `New one-time password for ${operator.email}:`,
        `  ${oneTimePassword}`,
        "Their sessions were ended. They must choose a new password when they next sign in.",
        "This password is not shown again.",
      ].join("\n"),
    );
    return 0;
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") {
      console.error(
        `No operator has the email "${email.trim().toLowerCase()}". Check the spelling; ` +
          "operators are listed under Settings → Operators in the dashboard.",
      );
      return 1;
    }
    throw err;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known =
      err instanceof ConfigError || err instanceof DatabaseConnectError || err instanceof AppError;
    console.error(
      known
        ? err.message
        : `admin:reset-password failed: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exit(1);
  },
);
