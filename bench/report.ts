// The bench's output: targets from DESIGN.md with PASS/MISS, a readable table, bench/results/latest.json.
import fs from "node:fs";
import path from "node:path";
import type { BootResult } from "./boot";
import type { ExecuteResult } from "./execute";
import type { McpBenchResult } from "./mcp";
import type { InstancesResult } from "./instances";
import type { StormResult } from "./refresh-storm";
import type { SearchBenchResult } from "./search";
import type { PageTiming, QueryTiming } from "./scale";
import type { SeedResult } from "./seed";
import { verdict, type Verdict } from "./stats";
import type { WebhookBenchResult } from "./webhooks";

export interface ScaleResult {
  seed: SeedResult;
  iterations: number;
  get_by_id_p99_ms: number | null;
  list_by_entity_p99_ms: number | null;
  filtered_list_p99_ms: number | null;
  filtered_list_with_total_p99_ms: number | null;
  entity_prefix_search_p99_ms: number | null;
  queries: Record<string, QueryTiming>;
  pages: PageTiming[];
  pages_note?: string;
}

export type Phase<T> = T | { error: string };

export interface Report {
  at: string;
  machine: {
    cpus: number;
    node: string;
    postgres?: string;
    /** Share of CPU busy with other work just before each phase (our server idle), 0–1. */
    cpu_busy_before?: Record<string, number | null>;
  };
  quick: boolean;
  build: string;
  boot?: Phase<BootResult> | null;
  execute: Phase<ExecuteResult> | null;
  mcp?: Phase<McpBenchResult> | null;
  scale: Phase<ScaleResult> | null;
  refresh_storm: Phase<StormResult> | null;
  instances?: Phase<InstancesResult> | null;
  webhooks?: Phase<WebhookBenchResult> | null;
  search?: Phase<SearchBenchResult> | null;
  server_rss_peak_mb: number | null;
  problems: string[];
}

const ok = <T extends object>(p: Phase<T> | null): T | null => (p && !("error" in p) ? p : null);

interface Row {
  metric: string;
  value: string;
  target: string;
  verdict: Verdict | "";
}

const fmt = (v: number | null | undefined, unit = "") =>
  v === null || v === undefined
    ? "null"
    : `${v.toLocaleString("en", { maximumFractionDigits: 3 })}${unit}`;

function row(
  metric: string,
  value: number | null | undefined,
  unit: string,
  target?: { v: number; kind: "max" | "min" },
): Row {
  return {
    metric,
    value: fmt(value, unit),
    target: target
      ? `${target.kind === "max" ? "≤" : "≥"} ${target.v.toLocaleString("en")}${unit}`
      : "",
    verdict: target ? verdict(value, target.v, target.kind) : "",
  };
}

/** The rows of the summary table, with DESIGN.md's targets. */
export function rows(r: Report): Row[] {
  const out: Row[] = [];
  const bo = ok(r.boot ?? null);
  if (bo) {
    // Issue 15: boot time and idle memory stay as before the catalog (± 10 %); no absolute target.
    out.push(row(`boot spawn→ready p50 (${bo.starts} fresh starts)`, bo.ready_ms.p50, " ms"));
    out.push(row("boot spawn→ready max", bo.ready_ms.max, " ms"));
    out.push(row(`idle RSS p50 (${bo.idle_ms / 1000} s after ready)`, bo.idle_rss_mb.p50, " MB"));
    out.push(row("first search across every app p50", bo.search_all_ms.p50, " ms"));
    out.push(
      row("idle RSS p50 after it (every app's actions loaded)", bo.loaded_rss_mb.p50, " MB"),
    );
  } else if (r.boot)
    out.push({
      metric: "boot",
      value: `ERROR: ${(r.boot as { error: string }).error}`,
      target: "",
      verdict: "",
    });
  const ex = ok(r.execute);
  if (ex) {
    // Issue 16's targets: at 32 connections ≥ 2.5× Next's floor and ≥ 0.8 of the plain-node
    // reference model, p99 ≤ 30 ms; at 1 connection ≤ 0.6 ms added to the direct call's p50.
    for (const c of [ex.c1, ex.c32]) {
      const n = c.connections;
      const at32 = <T>(t: T) => (n === 32 ? t : undefined);
      out.push(row(`execute c=${n} direct_rps`, c.direct_rps, " req/s"));
      out.push(row(`execute c=${n} keyport_rps`, c.keyport_rps, " req/s"));
      out.push(row(`execute c=${n} reference_rps`, c.reference_rps, " req/s"));
      out.push(row(`execute c=${n} floor_rps`, c.floor_rps, " req/s"));
      out.push(row(`execute c=${n} throughput_ratio`, c.throughput_ratio, ""));
      out.push(row(`execute c=${n} floor_ratio`, c.floor_ratio, "", at32({ v: 2.5, kind: "min" })));
      out.push(
        row(`execute c=${n} reference_ratio`, c.reference_ratio, "", at32({ v: 0.8, kind: "min" })),
      );
      out.push(
        row(
          `execute c=${n} p50_added_ms`,
          c.p50_added_ms,
          " ms",
          n === 1 ? { v: 0.6, kind: "max" } : undefined,
        ),
      );
      out.push(
        row(`execute c=${n} keyport p99`, c.keyport.p99_ms, " ms", at32({ v: 30, kind: "max" })),
      );
      out.push(row(`execute c=${n} p99_added_ms`, c.p99_added_ms, " ms"));
    }
    out.push(
      row("server RSS peak under execute load", ex.rss_peak_mb, " MB", { v: 300, kind: "max" }),
    );
    const byTarget = Object.entries(ex.rss_peak_by_target_mb ?? {});
    if (byTarget.length) {
      out.push({
        metric: "  RSS peak by target (MB)",
        value: byTarget.map(([k, v]) => `${k} ${Math.round(v)}`).join(", "),
        target: "",
        verdict: "",
      });
    }
  } else if (r.execute)
    out.push({
      metric: "execute",
      value: `ERROR: ${(r.execute as { error: string }).error}`,
      target: "",
      verdict: "",
    });
  const sc = ok(r.scale);
  if (sc) {
    out.push(row("seeded entities", sc.seed.entities, ""));
    out.push(row("seeded connections", sc.seed.connections, ""));
    out.push(row("seed time", sc.seed.seconds, " s"));
    out.push(row("get_by_id_p99_ms", sc.get_by_id_p99_ms, " ms", { v: 2, kind: "max" }));
    out.push(row("list_by_entity_p99_ms", sc.list_by_entity_p99_ms, " ms", { v: 5, kind: "max" }));
    out.push(
      row("filtered_list_p99_ms (dashboard, no total)", sc.filtered_list_p99_ms, " ms", {
        v: 25,
        kind: "max",
      }),
    );
    out.push(
      row("filtered_list_with_total_p99_ms (API)", sc.filtered_list_with_total_p99_ms, " ms", {
        v: 25,
        kind: "max",
      }),
    );
    out.push(
      row("entity_prefix_search_p99_ms", sc.entity_prefix_search_p99_ms, " ms", {
        v: 25,
        kind: "max",
      }),
    );
    const all = sc.queries.list_all_with_total;
    if (all) out.push(row(`list_all_with_total_p99_ms (API default, n=${all.n})`, all.p99, " ms"));
    for (const p of sc.pages) {
      const r99 = row(`page ${p.path} p99`, p.p99, " ms", { v: 300, kind: "max" });
      if (p.note) r99.value = `null (${p.note})`;
      out.push(
        { ...row(`page ${p.path} p50`, p.p50, " ms"), value: p.note ? "null" : fmt(p.p50, " ms") },
        r99,
      );
    }
    if (sc.pages_note)
      out.push({ metric: "dashboard pages", value: sc.pages_note, target: "", verdict: "" });
  } else if (r.scale)
    out.push({
      metric: "scale",
      value: `ERROR: ${(r.scale as { error: string }).error}`,
      target: "",
      verdict: "",
    });
  const st = ok(r.refresh_storm);
  if (st) {
    out.push(
      row(`refresh storm token_requests (${st.concurrency} concurrent)`, st.token_requests, "", {
        v: 1,
        kind: "max",
      }),
    );
    out.push({
      metric: "refresh storm all_succeeded",
      value: `${st.all_succeeded} (${st.succeeded}/${st.concurrency})`,
      target: "true",
      verdict: st.all_succeeded ? "PASS" : "MISS",
    });
    out.push(row("refresh storm wall time", st.wall_ms, " ms"));
    out.push({
      metric: "execute after the storm",
      value: String(st.after_execute_successful),
      target: "true",
      verdict: st.after_execute_successful ? "PASS" : "MISS",
    });
  } else if (r.refresh_storm)
    out.push({
      metric: "refresh_storm",
      value: `ERROR: ${(r.refresh_storm as { error: string }).error}`,
      target: "",
      verdict: "",
    });
  const mcp = ok(r.mcp ?? null);
  if (mcp) {
    // Issue 12: MCP tools/call keeps ≥ 0.8 of REST execute's executions/s at 32 and adds ≤ 1 ms p50 at 1.
    out.push(row("mcp tools/call c=32", mcp.c32.mcp.rps, " req/s"));
    out.push(row("rest execute c=32 (mcp phase)", mcp.c32.rest.rps, " req/s"));
    out.push(
      row("mcp/rest executions/s c=32", mcp.c32.mcp_rest_ratio, "", { v: 0.8, kind: "min" }),
    );
    out.push(row("mcp p50 added over rest c=1", mcp.c1.p50_added_ms, " ms", { v: 1, kind: "max" }));
  } else if (r.mcp)
    out.push({
      metric: "mcp",
      value: `ERROR: ${(r.mcp as { error: string }).error}`,
      target: "",
      verdict: "",
    });
  const two = ok(r.instances ?? null);
  if (two) {
    // Issue 16: two instances on one Postgres keep the storm result and lose no log row.
    out.push(
      row(
        `two instances: storm token_requests (${two.storm.concurrency} concurrent)`,
        two.storm.token_requests,
        "",
      ),
    );
    out.push(row("two instances: executes answered", two.answered[0] + two.answered[1], ""));
    out.push(row("two instances: execution-log rows lost", two.rows_lost, ""));
  } else if (r.instances)
    out.push({
      metric: "instances",
      value: `ERROR: ${(r.instances as { error: string }).error}`,
      target: "",
      verdict: "",
    });
  const wh = ok(r.webhooks ?? null);
  if (wh) {
    // Issue 14: p50 from change to delivery ≤ 100 ms without retries; execute does not drop.
    out.push(row("webhooks changes delivered+verified", wh.verified, ""));
    out.push(row("webhooks all delivered after", wh.seconds_until_all_delivered, " s"));
    out.push(row("webhooks latency p50", wh.latency_ms.p50, " ms", { v: 100, kind: "max" }));
    out.push(row("webhooks latency p99", wh.latency_ms.p99, " ms"));
    out.push(row("execute alone", wh.execute_alone.rps, " req/s"));
    out.push(row("execute beside changes, undelivered", wh.execute_beside_changes.rps, " req/s"));
    out.push(row("execute beside changes, delivered", wh.execute_with_deliveries.rps, " req/s"));
    out.push(row("deliveries beside it", wh.deliveries_per_s_beside_execute, " /s"));
    out.push(row("execute ratio (delivering/alone)", wh.execute_ratio, ""));
    out.push(row("execute ratio (delivered/undelivered)", wh.delivery_ratio, ""));
    const cpu = wh.server_cpu;
    out.push({
      metric: "server CPU, cores (alone/undeliv./deliv.)",
      value: `${cpu.alone ?? "?"} / ${cpu.undelivered ?? "?"} / ${cpu.delivered ?? "?"}`,
      target: "",
      verdict: "",
    });
    out.push(row("server CPU per delivery", wh.server_cpu_ms_per_delivery, " ms"));
  } else if (r.webhooks)
    out.push({
      metric: "webhooks",
      value: `ERROR: ${(r.webhooks as { error: string }).error}`,
      target: "",
      verdict: "",
    });
  const se = ok(r.search ?? null);
  if (se) {
    // Issue 15: searching actions across the whole catalog answers p99 ≤ 10 ms.
    out.push(row("action search, first per query (max)", se.cold_ms.max, " ms"));
    out.push(row("action search p50 (whole catalog)", se.warm_ms.p50, " ms"));
    out.push(
      row("action search p99 (whole catalog)", se.warm_ms.p99, " ms", { v: 10, kind: "max" }),
    );
  } else if (r.search)
    out.push({
      metric: "search",
      value: `ERROR: ${(r.search as { error: string }).error}`,
      target: "",
      verdict: "",
    });
  out.push(
    row("server RSS peak (whole run)", r.server_rss_peak_mb, " MB", { v: 400, kind: "max" }),
  );
  return out;
}

/** A fixed-width table for the terminal. */
export function table(list: Row[]): string {
  const w = [0, 0, 0];
  for (const r of list) {
    w[0] = Math.max(w[0]!, r.metric.length);
    w[1] = Math.max(w[1]!, Math.min(r.value.length, 24));
    w[2] = Math.max(w[2]!, r.target.length);
  }
  return list
    .map((r) =>
      `${r.metric.padEnd(w[0]!)}  ${r.value.padStart(w[1]!)}  ${r.target.padEnd(w[2]!)}  ${r.verdict}`.trimEnd(),
    )
    .join("\n");
}

/** Wrong results (never timings): what makes `--quick` exit non-zero. */
export function problems(r: Report): string[] {
  const out: string[] = [];
  for (const [name, phase] of [
    ["boot", r.boot ?? null],
    ["execute", r.execute],
    ["mcp", r.mcp ?? null],
    ["scale", r.scale],
    ["refresh_storm", r.refresh_storm],
    ["instances", r.instances ?? null],
    ["webhooks", r.webhooks ?? null],
    ["search", r.search ?? null],
  ] as const) {
    if (phase && "error" in phase) out.push(`${name}: ${phase.error}`);
  }
  const bo = ok(r.boot ?? null);
  if (bo && !bo.all_good)
    out.push(
      "boot: a start's search across every app answered non-200 or found nothing, or its RSS was unreadable",
    );
  const ex = ok(r.execute);
  if (ex && !ex.all_good)
    out.push(
      "execute: some responses under load were not good (non-2xx, errors or successful≠true)",
    );
  const mcp = ok(r.mcp ?? null);
  if (mcp && !mcp.all_good)
    out.push(
      "mcp: some tools/call or execute responses under load were not good (non-2xx or isError)",
    );
  const sc = ok(r.scale);
  if (sc && !sc.seed.counts_ok)
    out.push(
      `scale: seeded ${sc.seed.entities} entities / ${sc.seed.connections} connections, not the requested sizes`,
    );
  const st = ok(r.refresh_storm);
  if (st) {
    if (st.token_requests !== 1)
      out.push(`refresh_storm: ${st.token_requests} token requests, expected exactly 1`);
    if (!st.all_succeeded)
      out.push(
        `refresh_storm: ${st.succeeded}/${st.concurrency} executes succeeded (${(st.failures ?? []).join(" | ")})`,
      );
    if (!st.after_execute_successful) out.push("refresh_storm: the execute after the storm failed");
  }
  const two = ok(r.instances ?? null);
  if (two && !two.all_good)
    out.push(
      `instances: storm ${two.storm.token_requests} token request(s), ${two.storm.succeeded}/${two.storm.concurrency} succeeded; load ${two.answered.join(" + ")} answered, ${two.successful} successful, ${two.log_rows} log rows`,
    );
  const wh = ok(r.webhooks ?? null);
  if (wh && !wh.all_good)
    out.push(
      `webhooks: ${wh.verified}/${wh.changes} verified, ${wh.duplicates} duplicates, execute bad responses ${wh.execute_alone.bad + wh.execute_with_deliveries.bad}`,
    );
  const se = ok(r.search ?? null);
  if (se && !se.all_good)
    out.push(`search: a query answered non-200 or found nothing (min total ${se.min_total_items})`);
  return out;
}

export function writeJson(file: string, report: Report): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
