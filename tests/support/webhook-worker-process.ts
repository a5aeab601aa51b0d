// One Keyport instance's webhook side, run with tsx by integration tests on PGLITE_DIR or
// DATABASE_URL: starts the delivery worker (lease LEASE_MS) and prints "ready"; with
// `send <projectId> <endpointId> <n>` it then sends n test events and prints "changed <message ids>".
import { openDb } from "@/db";
import { createKeyring } from "@/lib/crypto";
import { sendTestWebhook } from "@/lib/core/webhooks/log";
import { startWebhookWorker } from "@/lib/server/webhook-worker";
import { TEST_KEYS } from "./db";

async function main(args: string[]): Promise<void> {
  const url = process.env.DATABASE_URL;
  const handle = await openDb(url ? { url } : { pgliteDir: process.env.PGLITE_DIR! });
  const deps = { db: handle.db, keyring: createKeyring(TEST_KEYS), allowLoopbackEgress: true };
  await startWebhookWorker(deps, handle.listen, {
    leaseMs: Number(process.env.LEASE_MS ?? 60_000),
    pollMs: 200,
  });
  console.log("ready");
  if (args[0] === "send") {
    const [, projectId, endpointId, n] = args;
    const actor = { type: "system" as const, label: "test process" };
    const ids: string[] = [];
    for (let i = 0; i < Number(n ?? 1); i++)
      ids.push(
        await sendTestWebhook(deps, { projectId: projectId!, endpointId: endpointId!, actor }),
      );
    console.log(`changed ${ids.join(",")}`);
  }
}

void main(process.argv.slice(2));
