// Server start: a configuration problem or a failed migration stops the process with a clear message.
import { DatabaseConnectError } from "@/db/connect-error";
import { PgliteLockedError } from "@/db/pglite-lock";
import { ConfigError } from "@/lib/env";
import { logError } from "@/lib/log";
import { runtime } from "./runtime";

/** Start the runtime or exit(1) explaining why. */
export async function boot(): Promise<void> {
  try {
    await runtime();
  } catch (err) {
    if (
      err instanceof ConfigError ||
      err instanceof PgliteLockedError ||
      err instanceof DatabaseConnectError
    ) {
      process.stderr.write(`\n${err.message}\n\n`);
    } else {
      logError("Keyport failed to start", err);
    }
    process.exit(1);
  }
}
