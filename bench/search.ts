// Action search across the whole catalog (issue 15: p99 ≤ 10 ms): GET /api/v3.1/tools?search=…
// with no toolkit filter, so every app's actions are searched (and loaded: the RSS sampler sees
// the server with the whole catalog in memory). The first pass over the queries is reported on
// its own (it loads each app and builds its index); the warm passes are the measure.
import { performance } from "node:perf_hooks";
import http from "node:http";
import type { Keyport, RssSampler } from "./server";
import { summarize, type Summary } from "./stats";

/** Words people search tools for, across the generated apps (each matches at least one tool). */
export const SEARCH_QUERIES = [
  "create issue",
  "pull request",
  "list customers",
  "invoice",
  "refund",
  "send message",
  "channel",
  "upload file",
  "folder",
  "meeting",
  "webhook",
  "project task",
  "comment",
  "user",
  "delete",
  "payment",
] as const;

export interface SearchBenchResult {
  queries: number;
  iterations: number;
  /** The first request of each query (loads the apps' actions and builds their indexes). */
  cold_ms: Summary;
  /** Every later request, one at a time. */
  warm_ms: Summary;
  /** The smallest total_items any query reported (every query must find something). */
  min_total_items: number;
  all_good: boolean;
}

export async function benchSearch(
  kp: Keyport,
  rss: RssSampler,
  iterations: number,
  log: (line: string) => void,
): Promise<SearchBenchResult> {
  rss.enter("search");
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let good = true;
  let minTotal = Number.POSITIVE_INFINITY;
  // Timed from the request to the answer's last byte over a kept-alive node:http socket; the
  // client's JSON.parse of the ~140 KB page (and fetch's web streams) stay outside the measure.
  const once = async (q: string): Promise<number> => {
    const started = performance.now();
    const res = await get(
      agent,
      `${kp.base}/api/v3.1/tools?search=${encodeURIComponent(q)}&limit=20`,
      kp.bootstrapKey,
    );
    const ms = performance.now() - started;
    const body = JSON.parse(res.text) as { items?: unknown[]; total_items?: number };
    const total = body.total_items ?? 0;
    if (res.status !== 200 || !body.items?.length || total < 1) {
      if (good) log(`  search "${q}": HTTP ${res.status}, ${total} results`);
      good = false;
    }
    minTotal = Math.min(minTotal, total);
    return ms;
  };
  const cold: number[] = [];
  for (const q of SEARCH_QUERIES) cold.push(await once(q));
  const warm: number[] = [];
  for (let i = 0; i < iterations; i++)
    warm.push(await once(SEARCH_QUERIES[i % SEARCH_QUERIES.length]!));
  const result: SearchBenchResult = {
    queries: SEARCH_QUERIES.length,
    iterations,
    cold_ms: summarize(cold),
    warm_ms: summarize(warm),
    min_total_items: Number.isFinite(minTotal) ? minTotal : 0,
    all_good: good,
  };
  agent.destroy();
  log(
    `  search: cold max ${result.cold_ms.max} ms; warm p50 ${result.warm_ms.p50} ms, p99 ${result.warm_ms.p99} ms over ${iterations}`,
  );
  return result;
}

/** GET with the API key; resolves with the status and the whole body once its last byte is in. */
function get(
  agent: http.Agent,
  url: string,
  key: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { "x-api-key": key } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}
