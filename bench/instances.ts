// Two instances on one Postgres (issue 16, scale out): a second Keyport server on the same
// database and the same provider (the sandbox). A refresh storm spread over both still makes
// exactly one token request, and an execute load on both at once loses no execution-log row:
// every answered execute has its row once the instances' batched writers have flushed.
import autocannon from "autocannon";
import postgres from "postgres";
import { apiClient, authConfigId, brief } from "./http";
import { benchRefreshStorm, type StormResult } from "./refresh-storm";
import { startKeyport, type Keyport } from "./server";

const ACTION = "SANDBOX_KEY_LIST_NOTES";
const LOAD_USER = "instances_load_user";
/** How long the instances get to flush their execution-log batches after the load. */
const FLUSH_WAIT_MS = 20_000;

export interface InstancesResult {
  storm: StormResult;
  /** Executes answered by each instance under the simultaneous load. */
  answered: [number, number];
  /** Of them, 200 with successful:true. */
  successful: number;
  /** Execution-log rows of the load's connection. */
  log_rows: number;
  rows_lost: number;
  all_good: boolean;
}

/** Exactly `amount` executes at one instance; counts answers and successes. */
async function fire(
  kp: Keyport,
  body: string,
  amount: number,
): Promise<{ answered: number; successful: number; errors: number }> {
  let answered = 0;
  let successful = 0;
  const result = await autocannon({
    url: `${kp.base}/api/v3.1/tools/execute/${ACTION}`,
    connections: 16,
    amount,
    timeout: 30,
    requests: [
      {
        method: "POST",
        headers: { "x-api-key": kp.bootstrapKey, "content-type": "application/json" },
        body,
        onResponse: (status, text) => {
          answered++;
          if (status === 200 && text.includes('"successful":true')) successful++;
        },
      },
    ],
  });
  return { answered, successful, errors: result.errors + result.timeouts };
}

export async function benchInstances(
  kp: Keyport,
  databaseUrl: string,
  opts: { logDir: string; requestsPerInstance: number; stormConcurrency: number },
  log: (line: string) => void,
): Promise<InstancesResult> {
  const second = await startKeyport({
    databaseUrl,
    logDir: opts.logDir,
    logName: "server-2.log",
    sandboxPort: Number(new URL(kp.sandboxOrigin).port),
  });
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const storm = await benchRefreshStorm(kp, databaseUrl, {
      concurrency: opts.stormConcurrency,
      user: "instances_storm_user",
      instances: [kp, second],
    });
    log(
      `  storm over two instances: ${storm.token_requests} token request(s), ${storm.succeeded}/${storm.concurrency} succeeded`,
    );

    const api = apiClient(kp.base, kp.bootstrapKey);
    const created = await api<{ id?: string }>("POST", "/api/v3.1/connected_accounts", {
      auth_config: { id: await authConfigId(api, "sandbox_key") },
      connection: { user_id: LOAD_USER, data: { api_key: "sbx_demo_key" } },
    });
    if (created.status !== 201 || !created.body.id)
      throw new Error(`connecting sandbox_key: HTTP ${created.status} ${brief(created.body)}`);
    const id = created.body.id;
    const body = JSON.stringify({ connected_account_id: id, arguments: { limit: 1 } });
    const [a, b] = await Promise.all([
      fire(kp, body, opts.requestsPerInstance),
      fire(second, body, opts.requestsPerInstance),
    ]);
    const answered = a.answered + b.answered;
    const rows = async () =>
      Number(
        (
          await sql<
            Array<{ n: string }>
          >`select count(*) as n from executions where connection_id = ${id}`
        )[0]!.n,
      );
    let logRows = await rows();
    for (const until = Date.now() + FLUSH_WAIT_MS; logRows < answered && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 250));
      logRows = await rows();
    }
    log(
      `  load on both: ${a.answered} + ${b.answered} answered, ${a.successful + b.successful} successful; ${logRows} log rows`,
    );
    return {
      storm,
      answered: [a.answered, b.answered],
      successful: a.successful + b.successful,
      log_rows: logRows,
      rows_lost: Math.max(0, answered - logRows),
      all_good:
        storm.token_requests === 1 &&
        storm.all_succeeded &&
        a.errors + b.errors === 0 &&
        answered === 2 * opts.requestsPerInstance &&
        a.successful + b.successful === answered &&
        logRows === answered,
    };
  } finally {
    await sql.end({ timeout: 5 });
    await second.stop();
  }
}
