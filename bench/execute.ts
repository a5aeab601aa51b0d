// Execute: the same sandbox notes call direct, through Keyport and through the plain-node reference
// model of the same work (bench/reference.ts), plus Next's trivial floor route, side by side.
import autocannon from "autocannon";
import { apiClient, authConfigId, brief } from "./http";
import { added, ratio, round, summarize } from "./stats";
import { startReference, type Keyport, type RssSampler } from "./server";

export const BENCH_USER = "bench_user";
const SANDBOX_KEY = "sbx_demo_key";
const ACTION = "SANDBOX_KEY_LIST_NOTES";

export interface Target {
  name: "direct" | "keyport" | "reference" | "floor";
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  /** A response counts as good when it is 2xx and its body contains this. */
  expect: string;
}

export interface LoadResult {
  rps: number | null;
  p50_ms: number | null;
  p99_ms: number | null;
  mean_ms: number | null;
  requests: number;
  bad: number;
  errors: number;
}

export interface ConcurrencyResult {
  connections: number;
  direct_rps: number | null;
  keyport_rps: number | null;
  floor_rps: number | null;
  reference_rps: number | null;
  throughput_ratio: number | null;
  floor_ratio: number | null;
  /** Keyport's throughput over the reference model's (issue 16: ≥ 0.8 at 32 connections). */
  reference_ratio: number | null;
  p50_added_ms: number | null;
  p99_added_ms: number | null;
  direct: LoadResult;
  keyport: LoadResult;
  reference: LoadResult;
  floor: LoadResult;
}

export interface ExecuteResult {
  duration_s: number;
  connected_account_id: string;
  c1: ConcurrencyResult;
  c32: ConcurrencyResult;
  rss_peak_mb: number | null;
  /** Peak RSS while each target ran (the sandbox lives in the server process, so `direct` counts too). */
  rss_peak_by_target_mb: Record<string, number>;
  rss_after_mb: number | null;
  all_good: boolean;
}

/** What one autocannon run saw, before it is summarised (rounds of one target are pooled). */
interface RawLoad {
  latencies: number[];
  good: number;
  bad: number;
  errors: number;
  elapsed_s: number;
}

/** One autocannon run; latencies from every response (µs precision), goodness from every body. */
async function loadRaw(t: Target, connections: number, seconds: number): Promise<RawLoad> {
  const latencies: number[] = [];
  let good = 0;
  let bad = 0;
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url: t.url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: t.method,
        headers: t.headers,
        body: t.body,
        onResponse: (status, body) => {
          if (status >= 200 && status < 300 && body.includes(t.expect)) good++;
          else bad++;
        },
      },
    ],
  });
  instance.on("response", (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
  });
  const result = await instance;
  const elapsed_s = Number(process.hrtime.bigint() - started) / 1e9;
  return { latencies, good, bad, errors: result.errors + result.timeouts, elapsed_s };
}

/** Several runs of one target as one: good answers over the time they took, percentiles over all. */
function pooled(runs: readonly RawLoad[]): LoadResult {
  const latencies = runs.flatMap((r) => r.latencies);
  const good = runs.reduce((n, r) => n + r.good, 0);
  const bad = runs.reduce((n, r) => n + r.bad, 0);
  const elapsed = runs.reduce((n, r) => n + r.elapsed_s, 0);
  const s = summarize(latencies);
  return {
    rps: round(good / elapsed, 1),
    p50_ms: s.p50,
    p99_ms: s.p99,
    mean_ms: s.mean,
    requests: good + bad,
    bad,
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

/** One autocannon run, summarised. */
export async function load(t: Target, connections: number, seconds: number): Promise<LoadResult> {
  return pooled([await loadRaw(t, connections, seconds)]);
}

/** Seconds per round when a target's time is split into rounds (at least 1 s each). */
const ROUND_S = 2;

/**
 * Targets compared side by side: each target's `seconds` are split into rounds of ROUND_S, and
 * the rounds interleave (A B C, then B C A, …), so a slow minute on a shared machine falls on
 * every target alike instead of on whichever ran then. Each target's rounds are pooled.
 */
export async function loadInterleaved<T extends { name: string }>(
  targets: readonly (T & Target)[],
  connections: number,
  seconds: number,
  before: (t: T) => void = () => undefined,
): Promise<Map<T, LoadResult>> {
  const rounds = Math.max(1, Math.round(seconds / ROUND_S));
  const runs = new Map<T, RawLoad[]>(targets.map((t) => [t, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < targets.length; i++) {
      const t = targets[(i + round) % targets.length]!;
      before(t);
      runs.get(t)!.push(await loadRaw(t, connections, seconds / rounds));
    }
  }
  return new Map([...runs].map(([t, r]) => [t, pooled(r)]));
}

export async function setup(
  kp: Keyport,
  reference: { url: string; apiKey: string },
): Promise<{ targets: Target[]; connectionId: string }> {
  const api = apiClient(kp.base, kp.bootstrapKey);
  const created = await api<{ id?: string; status?: string }>(
    "POST",
    "/api/v3.1/connected_accounts",
    {
      auth_config: { id: await authConfigId(api, "sandbox_key") },
      connection: { user_id: BENCH_USER, data: { api_key: SANDBOX_KEY } },
    },
  );
  if (created.status !== 201 || created.body.status !== "ACTIVE" || !created.body.id) {
    throw new Error(`connecting sandbox_key: HTTP ${created.status} ${brief(created.body)}`);
  }
  const body = JSON.stringify({ user_id: BENCH_USER, arguments: { limit: 1 } });
  const first = await api<{ successful?: boolean }>("POST", `/api/v3.1/tools/execute/${ACTION}`, {
    user_id: BENCH_USER,
    arguments: { limit: 1 },
  });
  if (first.status !== 200 || first.body.successful !== true) {
    throw new Error(`${ACTION} is not successful: HTTP ${first.status} ${brief(first.body)}`);
  }
  const direct = await fetch(`${kp.sandboxOrigin}/api/notes?limit=1`, {
    headers: { "x-api-key": SANDBOX_KEY },
  });
  if (!direct.ok)
    throw new Error(
      `the sandbox notes API answers HTTP ${direct.status}: ${brief(await direct.text())}`,
    );
  await direct.body?.cancel();
  const floor = await fetch(`${kp.base}/api/bench/floor`);
  const floorText = await floor.text();
  if (!floor.ok || !floorText.includes('"ok":true')) {
    throw new Error(`/api/bench/floor answers HTTP ${floor.status}: ${brief(floorText)}`);
  }
  return {
    connectionId: created.body.id,
    targets: [
      {
        name: "direct",
        url: `${kp.sandboxOrigin}/api/notes?limit=1`,
        method: "GET",
        headers: { "x-api-key": SANDBOX_KEY },
        expect: '"items"',
      },
      {
        name: "keyport",
        url: `${kp.base}/api/v3.1/tools/execute/${ACTION}`,
        method: "POST",
        headers: { "x-api-key": kp.bootstrapKey, "content-type": "application/json" },
        body,
        expect: '"successful":true',
      },
      {
        name: "reference",
        url: reference.url,
        method: "POST",
        headers: { "x-api-key": reference.apiKey, "content-type": "application/json" },
        body,
        expect: '"successful":true',
      },
      {
        name: "floor",
        url: `${kp.base}/api/bench/floor`,
        method: "GET",
        headers: {},
        expect: '"ok":true',
      },
    ],
  };
}

async function atConcurrency(
  targets: Target[],
  connections: number,
  seconds: number,
  rss: RssSampler,
  log: (line: string) => void,
): Promise<ConcurrencyResult> {
  const phase = (t: Target) => rss.enter(`execute:c${connections}:${t.name}`);
  for (const t of targets) {
    phase(t);
    await load(t, connections, Math.min(3, Math.max(1, seconds / 3))); // warm-up: JIT, pools, plan caches
  }
  const measured = await loadInterleaved(targets, connections, seconds, phase);
  const r = {} as Record<Target["name"], LoadResult>;
  for (const t of targets) {
    r[t.name] = measured.get(t)!;
    log(
      `  c=${connections} ${t.name.padEnd(7)} ${String(r[t.name].rps).padStart(8)} req/s  p50 ${r[t.name].p50_ms} ms  p99 ${r[t.name].p99_ms} ms${r[t.name].bad ? `  BAD ${r[t.name].bad}` : ""}`,
    );
  }
  return {
    connections,
    direct_rps: r.direct.rps,
    keyport_rps: r.keyport.rps,
    floor_rps: r.floor.rps,
    reference_rps: r.reference.rps,
    throughput_ratio: ratio(r.keyport.rps, r.direct.rps),
    floor_ratio: ratio(r.keyport.rps, r.floor.rps),
    reference_ratio: ratio(r.keyport.rps, r.reference.rps),
    p50_added_ms: added(r.keyport.p50_ms, r.direct.p50_ms),
    p99_added_ms: added(r.keyport.p99_ms, r.direct.p99_ms),
    ...r,
  };
}

export async function benchExecute(
  kp: Keyport,
  databaseUrl: string,
  rss: RssSampler,
  seconds: number,
  log: (line: string) => void,
): Promise<ExecuteResult> {
  const reference = await startReference({
    databaseUrl,
    upstream: `${kp.sandboxOrigin}/api/notes`,
    upstreamKey: SANDBOX_KEY,
  });
  let c1: ConcurrencyResult, c32: ConcurrencyResult, connectionId: string;
  try {
    const set = await setup(kp, reference);
    connectionId = set.connectionId;
    c1 = await atConcurrency(set.targets, 1, seconds, rss, log);
    c32 = await atConcurrency(set.targets, 32, seconds, rss, log);
  } finally {
    await reference.stop();
  }
  rss.enter("after-execute");
  const phases = Object.keys(rss.peaks).filter((p) => p.startsWith("execute:"));
  const all = [c1, c32].flatMap((c) => [c.direct, c.keyport, c.reference, c.floor]);
  return {
    duration_s: seconds,
    connected_account_id: connectionId,
    c1,
    c32,
    rss_peak_mb: rss.peak(...phases),
    rss_peak_by_target_mb: Object.fromEntries(
      phases.map((p) => [p.slice("execute:".length), rss.peaks[p]!]),
    ),
    rss_after_mb: rss.last,
    all_good: all.every((l) => l.bad === 0 && l.errors === 0 && l.requests > 0),
  };
}
