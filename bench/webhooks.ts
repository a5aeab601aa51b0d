// Webhooks (issue 14): 1,000 connection changes (enable/disable over the API, 10 connections in
// parallel) → every event delivered to a local receiver and verified with standardwebhooks; latency
// from the event's own timestamp (written in the change's transaction) to its arrival. Then execute
// throughput alone and while a steady 50 changes a second are delivered, side by side.
import { Webhook } from "standardwebhooks";
import { startReceiver } from "@/tests/support/webhook-receiver";
import { load, type LoadResult } from "./execute";
import { apiClient, authConfigId, brief } from "./http";
import { ratio, summarize, type Summary } from "./stats";
import { processCpuMs, type Keyport } from "./server";

const ACTION = "SANDBOX_KEY_LIST_NOTES";
const CONNECTIONS = 10;
/** Changes a second while execute is measured beside deliveries (each is one delivery). */
export const BACKGROUND_RATE = 50;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export interface WebhookBenchResult {
  changes: number;
  delivered: number;
  verified: number;
  duplicates: number;
  seconds_until_all_delivered: number;
  /** From the event's timestamp (the change's transaction) to its arrival at the receiver. */
  latency_ms: Summary;
  execute_alone: LoadResult;
  /** Execute beside the same stream of changes while the endpoint wants none of them. */
  execute_beside_changes: LoadResult;
  /** Deliveries a second during that run (0: nothing to deliver). */
  deliveries_per_s_undelivered_run: number;
  execute_with_deliveries: LoadResult;
  /** Deliveries that arrived a second while execute_with_deliveries ran (≈ BACKGROUND_RATE). */
  deliveries_per_s_beside_execute: number;
  /** Execute throughput while deliveries run over execute alone (issue 14: should not drop). */
  execute_ratio: number | null;
  /** The server's CPU share (1 = one core) during execute alone, beside undelivered and delivered changes. */
  server_cpu: { alone: number | null; undelivered: number | null; delivered: number | null };
  /**
   * Server CPU one delivery costs (ms): the delivered run's CPU less the undelivered run's, after
   * taking out what each run's executes cost at execute-alone's CPU per request.
   */
  server_cpu_ms_per_delivery: number | null;
  /** Execute beside delivered changes over beside the same changes undelivered: the deliveries' own cost. */
  delivery_ratio: number | null;
  all_good: boolean;
}

export async function benchWebhooks(
  kp: Keyport,
  changes: number,
  durationS: number,
  log: (line: string) => void,
): Promise<WebhookBenchResult> {
  const api = apiClient(kp.base, kp.bootstrapKey);
  const receiver = await startReceiver("/bench-hook");
  try {
    const sub = await api<{ id?: string; secret?: string }>(
      "POST",
      "/api/v3.1/webhook_subscriptions",
      {
        webhook_url: receiver.url,
        enabled_events: ["connection.disabled", "connection.enabled"],
      },
    );
    if (sub.status !== 201 || !sub.body.secret)
      throw new Error(`creating the endpoint: HTTP ${sub.status} ${brief(sub.body)}`);
    const verifier = new Webhook(sub.body.secret);
    const keyConfig = await authConfigId(api, "sandbox_key");
    const connect = async (user: string) => {
      const r = await api<{ id?: string }>("POST", "/api/v3.1/connected_accounts", {
        auth_config: { id: keyConfig },
        connection: { user_id: user, data: { api_key: "sbx_demo_key" } },
      });
      if (r.status !== 201 || !r.body.id)
        throw new Error(`connecting: HTTP ${r.status} ${brief(r.body)}`);
      return r.body.id;
    };
    const ids = await Promise.all(
      Array.from({ length: CONNECTIONS }, (_, i) => connect(`bench_webhooks_${i}`)),
    );
    // The n changes after the `from`-th: disabled, enabled, disabled… (each one a real change).
    const toggle = async (id: string, n: number, from = 0) => {
      for (let i = from; i < from + n; i++) {
        const r = await api("PATCH", `/api/v3.1/connected_accounts/${id}/status`, {
          enabled: i % 2 === 1,
        });
        if (r.status !== 200) throw new Error(`PATCH status: HTTP ${r.status} ${brief(r.body)}`);
      }
    };
    const started = Date.now();
    await Promise.all(ids.map((id) => toggle(id, Math.ceil(changes / CONNECTIONS))));
    const total = Math.ceil(changes / CONNECTIONS) * CONNECTIONS;
    await receiver.waitFor(total, 120_000);
    const seconds = (Date.now() - started) / 1000;
    let verified = 0;
    const latencies: number[] = [];
    const seen = new Set<string>();
    for (const r of receiver.received) {
      const payload = verifier.verify(r.body, {
        "webhook-id": String(r.headers["webhook-id"]),
        "webhook-timestamp": String(r.headers["webhook-timestamp"]),
        "webhook-signature": String(r.headers["webhook-signature"]),
      }) as { timestamp: string };
      verified++;
      seen.add(String(r.headers["webhook-id"]));
      latencies.push(r.at - Date.parse(payload.timestamp));
    }
    const latency = summarize(latencies);
    const delivered = receiver.received.length;
    log(
      `  ${total} changes delivered and verified in ${seconds.toFixed(1)} s; latency p50 ${latency.p50} ms p99 ${latency.p99} ms`,
    );

    // Execute alone, then while a stream of changes keeps the worker delivering.
    const execId = await connect("bench_webhooks_exec");
    const target = {
      name: "keyport" as const,
      url: `${kp.base}/api/v3.1/tools/execute/${ACTION}`,
      method: "POST" as const,
      headers: { "x-api-key": kp.bootstrapKey, "content-type": "application/json" },
      body: JSON.stringify({ connected_account_id: execId, arguments: { limit: 1 } }),
      expect: '"successful":true',
    };
    // Changes come as a steady stream (BACKGROUND_RATE a second), not a flood: an unpaced loop of
    // PATCHes would measure what the changes cost the server, not the deliveries. Each connection
    // alternates disabled/enabled, counting on from the changes it has had.
    // The server's CPU share while `run` runs (1 = one core), beside its result.
    const withServerCpu = async <T>(run: () => Promise<T>) => {
      const cpuBefore = processCpuMs(kp.serverPid());
      const started = Date.now();
      const out = await run();
      const cpuAfter = processCpuMs(kp.serverPid());
      const share =
        cpuBefore === null || cpuAfter === null
          ? null
          : Math.round(((cpuAfter - cpuBefore) / (Date.now() - started)) * 100) / 100;
      return { out, share };
    };
    const sent = new Map(ids.map((id) => [id, 0]));
    const perConnectionMs = (1000 * ids.length) / BACKGROUND_RATE;
    const besideChanges = async () => {
      let running = true;
      const before = receiver.received.length;
      const background = Promise.all(
        ids.map(async (id, i) => {
          await sleep((i * perConnectionMs) / ids.length);
          for (let next = Date.now(); running;) {
            const k = sent.get(id)!;
            sent.set(id, k + 1);
            await toggle(id, 1, k);
            next += perConnectionMs;
            await sleep(next - Date.now());
          }
        }),
      );
      const windowStarted = Date.now();
      const { out: result, share } = await withServerCpu(() => load(target, 8, durationS));
      const perS = (receiver.received.length - before) / ((Date.now() - windowStarted) / 1000);
      running = false;
      await background;
      return { result, perS, share };
    };
    const wantEvents = async (events: string[]) => {
      const r = await api("PATCH", `/api/v3.1/webhook_subscriptions/${sub.body.id}`, {
        enabled_events: events,
      });
      if (r.status !== 200)
        throw new Error(`PATCH webhook subscription: HTTP ${r.status} ${brief(r.body)}`);
    };
    // Warm-up (JIT, pools), so the first of the three runs is not the one that pays for it.
    await load(target, 8, Math.min(3, durationS));
    const { out: alone, share: aloneShare } = await withServerCpu(() => load(target, 8, durationS));
    // The same changes with nothing to deliver (the endpoint wants other events meanwhile), then
    // delivered: the second over the first is what the deliveries themselves cost.
    await wantEvents(["connection.deleted"]);
    const changesOnly = await besideChanges();
    await wantEvents(["connection.disabled", "connection.enabled"]);
    const delivering = await besideChanges();
    const withDeliveries = delivering.result;
    const deliveredPerS = delivering.perS;
    const perDeliveryCpu = () => {
      if (aloneShare === null || changesOnly.share === null || delivering.share === null)
        return null;
      if (!alone.rps || !deliveredPerS || withDeliveries.rps === null) return null;
      if (changesOnly.result.rps === null) return null;
      const perExecute = aloneShare / alone.rps; // core-seconds per request
      const delivered = delivering.share - withDeliveries.rps * perExecute;
      const undelivered = changesOnly.share - changesOnly.result.rps * perExecute;
      return Math.round(((delivered - undelivered) / deliveredPerS) * 1000 * 100) / 100;
    };
    log(
      `  server CPU (cores): alone ${aloneShare}, undelivered ${changesOnly.share}, delivered ${delivering.share}; ≈${perDeliveryCpu()} ms of server CPU per delivery`,
    );
    log(
      `  execute alone ${alone.rps} req/s; beside ${BACKGROUND_RATE} changes/s ${changesOnly.result.rps} req/s undelivered, ${withDeliveries.rps} req/s with ${deliveredPerS.toFixed(0)} deliveries/s`,
    );
    return {
      changes: total,
      delivered,
      verified,
      duplicates: verified - seen.size,
      seconds_until_all_delivered: Math.round(seconds * 10) / 10,
      latency_ms: latency,
      execute_alone: alone,
      execute_beside_changes: changesOnly.result,
      deliveries_per_s_undelivered_run: Math.round(changesOnly.perS),
      execute_with_deliveries: withDeliveries,
      deliveries_per_s_beside_execute: Math.round(deliveredPerS),
      execute_ratio: ratio(withDeliveries.rps, alone.rps),
      server_cpu: {
        alone: aloneShare,
        undelivered: changesOnly.share,
        delivered: delivering.share,
      },
      server_cpu_ms_per_delivery: perDeliveryCpu(),
      delivery_ratio: ratio(withDeliveries.rps, changesOnly.result.rps),
      all_good:
        verified === total &&
        seen.size === total &&
        alone.bad === 0 &&
        changesOnly.result.bad === 0 &&
        withDeliveries.bad === 0 &&
        // Nothing is delivered while the endpoint wants other events.
        changesOnly.perS === 0,
    };
  } finally {
    await receiver.close();
  }
}
