// The bench's output: targets from DESIGN.md with PASS/MISS, a readable table, bench/results/latest.json.
import fs from "node:fs";
import path from "node:path";
import type { ExecuteResult } from "./execute";
import type { StormResult } from "./refresh-storm";
import type { PageTiming, QueryTiming } from "./scale";
import type { SeedResult } from "./seed";
import { verdict, type Verdict } from "./stats";

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
  execute: Phase<ExecuteResult> | null;
  scale: Phase<ScaleResult> | null;
  refresh_storm: Phase<StormResult> | null;
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
  const ex = ok(r.execute);
  if (ex) {
    for (const c of [ex.c1, ex.c32]) {
      const n = c.connections;
      out.push(row(`execute c=${n} direct_rps`, c.direct_rps, " req/s"));
      out.push(
        row(
          `execute c=${n} keyport_rps`,
          c.keyport_rps,
          " req/s",
          n === 32 ? { v: 1200, kind: "min" } : undefined,
        ),
      );
      out.push(row(`execute c=${n} floor_rps`, c.floor_rps, " req/s"));
      out.push(row(`execute c=${n} throughput_ratio`, c.throughput_ratio, ""));
      out.push(
        row(
          `execute c=${n} floor_ratio`,
          c.floor_ratio,
          "",
          n === 32 ? { v: 0.6, kind: "min" } : undefined,
        ),
      );
      out.push(
        row(
          `execute c=${n} p50_added_ms`,
          c.p50_added_ms,
          " ms",
          n === 1 ? { v: 1.5, kind: "max" } : undefined,
        ),
      );
      out.push(row(`execute c=${n} p99_added_ms`, c.p99_added_ms, " ms"));
    }
    out.push(
      row("server RSS peak under execute load", ex.rss_peak_mb, " MB", { v: 400, kind: "max" }),
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
    ["execute", r.execute],
    ["scale", r.scale],
    ["refresh_storm", r.refresh_storm],
  ] as const) {
    if (phase && "error" in phase) out.push(`${name}: ${phase.error}`);
  }
  const ex = ok(r.execute);
  if (ex && !ex.all_good)
    out.push(
      "execute: some responses under load were not good (non-2xx, errors or successful≠true)",
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
  return out;
}

export function writeJson(file: string, report: Report): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
