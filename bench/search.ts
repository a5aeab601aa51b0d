// Action search across the whole catalog (issue 15: p99 ≤ 10 ms): GET /api/v3.1/tools?search=…
// with no toolkit filter, so every app's actions are searched (and loaded: the RSS sampler sees
// the server with the whole catalog in memory). The first pass over the queries is reported on
// its own (it loads each app and builds its index); the warm passes are the measure.
import { performance } from "node:perf_hooks";
import { apiClient } from "./http";
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
  const api = apiClient(kp.base, kp.bootstrapKey);
  let good = true;
  let minTotal = Number.POSITIVE_INFINITY;
  const once = async (q: string): Promise<number> => {
    const started = performance.now();
    const res = await api<{ items?: unknown[]; total_items?: number }>(
      "GET",
      `/api/v3.1/tools?search=${encodeURIComponent(q)}&limit=20`,
    );
    const ms = performance.now() - started;
    const total = res.body.total_items ?? 0;
    if (res.status !== 200 || !res.body.items?.length || total < 1) {
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
  log(
    `  search: cold max ${result.cold_ms.max} ms; warm p50 ${result.warm_ms.p50} ms, p99 ${result.warm_ms.p99} ms over ${iterations}`,
  );
  return result;
}
