// `npm run sandbox`: the sandbox provider alone, in its own process. Keyport then uses it with
// KEYPORT_SANDBOX_URL=http://127.0.0.1:$KEYPORT_SANDBOX_PORT (same AUTH_SECRET and KEYPORT_PUBLIC_URL).
import { env } from "@/lib/env";
import { startSandboxOnce } from "@/lib/server/sandbox";

startSandboxOnce(env()).then(
  (origin) => process.stdout.write(`sandbox provider on ${origin}\n`),
  (err: unknown) => {
    process.stderr.write(
      `the sandbox did not start: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  },
);
