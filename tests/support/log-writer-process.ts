// A process that records executions and is stopped by SIGTERM while they are still queued, run
// with tsx by integration tests on PGLITE_DIR or DATABASE_URL:
//   log-writer-process.ts <n> [--exits-itself]
// --exits-itself adds a SIGTERM handler of its own that calls process.exit a moment later, as
// `next start` and the front server do after closing their HTTP server.
import { openDb } from "@/db";
import { migrate } from "@/db/migrate";
import { recordExecution } from "@/lib/core/executions";
import { flushOnShutdown } from "@/lib/server/shutdown";

async function main(n: number, exitsItself: boolean): Promise<void> {
  const url = process.env.DATABASE_URL;
  const handle = await openDb(url ? { url } : { pgliteDir: process.env.PGLITE_DIR! });
  await migrate(handle);
  if (exitsItself) process.on("SIGTERM", () => setImmediate(() => process.exit(143)));
  flushOnShutdown(handle);
  for (let i = 0; i < n; i++)
    recordExecution(
      { db: handle.db },
      {
        projectId: "prj_shutdown",
        connectionId: null,
        userId: "user_shutdown",
        appKey: "sandbox",
        action: `SHUTDOWN_${i}`,
        successful: true,
        httpStatus: 200,
        durationMs: 1,
        error: null,
      },
    );
  console.log(`recorded ${n}`);
  process.kill(process.pid, "SIGTERM");
}

void main(Number(process.argv[2]), process.argv[3] === "--exits-itself");
