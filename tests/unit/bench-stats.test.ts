import { describe, expect, it } from "vitest";
import { problems, rows, type Report } from "@/bench/report";
import { slots, APP_WEIGHTS, STATUS_WEIGHTS } from "@/bench/seed";
import {
  added,
  busyShare,
  parseCpuTimes,
  parsePpid,
  parseVmRssKb,
  percentile,
  ratio,
  round,
  summarize,
  verdict,
} from "@/bench/stats";

describe("percentile", () => {
  it("interpolates between the closest ranks (numpy's default)", () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(v, 50)).toBe(5.5);
    expect(percentile(v, 0)).toBe(1);
    expect(percentile(v, 100)).toBe(10);
    expect(percentile(v, 99)).toBeCloseTo(9.91, 10);
    expect(percentile(v, 90)).toBeCloseTo(9.1, 10);
  });

  it("does not depend on input order and does not mutate the input", () => {
    const v = [9, 1, 5, 3, 7];
    expect(percentile(v, 50)).toBe(5);
    expect(v).toEqual([9, 1, 5, 3, 7]);
  });

  it("handles one sample, an empty sample and non-finite values", () => {
    expect(percentile([4.2], 99)).toBe(4.2);
    expect(percentile([], 50)).toBeNull();
    expect(percentile([1, Number.NaN, 3, Number.POSITIVE_INFINITY], 50)).toBe(2);
  });

  it("refuses p outside 0–100", () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
  });

  it("a p99 over 200 samples sits between the two largest values", () => {
    const v = Array.from({ length: 200 }, (_, i) => i + 1); // 1..200
    expect(percentile(v, 99)).toBeCloseTo(198.01, 10);
  });
});

describe("summarize", () => {
  it("gives n, p50, p99, mean and max rounded to µs", () => {
    expect(summarize([0.1234567, 0.2, 0.3])).toEqual({
      n: 3,
      p50: 0.2,
      p99: 0.298,
      mean: 0.208,
      max: 0.3,
    });
  });
  it("copes with hundreds of thousands of samples (a 10 s run at c=32)", () => {
    const v = Array.from({ length: 500_000 }, (_, i) => (i % 1000) / 100);
    const s = summarize(v);
    expect(s.n).toBe(500_000);
    expect(s.max).toBe(9.99);
    expect(s.p50).toBe(4.995);
  });
  it("is all null for no samples", () => {
    expect(summarize([])).toEqual({ n: 0, p50: null, p99: null, mean: null, max: null });
  });
});

describe("ratio, added, round", () => {
  it("divides and rounds; null when a side is missing or the divisor is not positive", () => {
    expect(ratio(1500, 2000)).toBe(0.75);
    expect(ratio(1, 3)).toBe(0.333);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
    expect(ratio(2, undefined)).toBeNull();
    expect(ratio(Number.NaN, 2)).toBeNull();
  });
  it("subtracts latencies (Keyport minus direct), which may be negative", () => {
    expect(added(1.75, 0.5)).toBe(1.25);
    expect(added(0.4, 0.5)).toBe(-0.1);
    expect(added(null, 0.5)).toBeNull();
  });
  it("rounds half away from zero at the given digits", () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(2.5, 0)).toBe(3);
    expect(round(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe("verdict", () => {
  it("PASS at or within the target, MISS beyond it, n/a when unmeasured", () => {
    expect(verdict(2, 2, "max")).toBe("PASS");
    expect(verdict(2.01, 2, "max")).toBe("MISS");
    expect(verdict(0.6, 0.6, "min")).toBe("PASS");
    expect(verdict(0.59, 0.6, "min")).toBe("MISS");
    expect(verdict(null, 1, "max")).toBe("n/a");
  });
});

describe("/proc parsing", () => {
  it("reads VmRSS in kB", () => {
    expect(
      parseVmRssKb("Name:\tnode\nVmPeak:\t 1000 kB\nVmRSS:\t  183344 kB\nRssAnon:\t 1 kB\n"),
    ).toBe(183344);
    expect(parseVmRssKb("Name:\tkthreadd\n")).toBeNull();
  });
  it("reads the parent pid even when the command has spaces and parentheses", () => {
    expect(parsePpid("4242 (next-server (v16.4.6)) S 4241 4242 100 0 -1")).toBe(4241);
    expect(parsePpid("1 (init) S 0 1 1 0")).toBe(0);
    expect(parsePpid("garbage")).toBeNull();
  });
});

describe("seed weights", () => {
  it("fill exactly 100 slots in proportion", () => {
    const apps = slots(APP_WEIGHTS);
    expect(apps).toHaveLength(100);
    expect(apps.filter((a) => a === "github")).toHaveLength(APP_WEIGHTS.github!);
    expect(new Set(apps).size).toBeGreaterThanOrEqual(10);
    expect(slots(STATUS_WEIGHTS).filter((s) => s === "ACTIVE")).toHaveLength(85);
    expect(() => slots({ a: 99 })).toThrow(/sum to 99/);
  });
});

describe("report", () => {
  const base: Report = {
    at: "2025-01-01T00:00:00.000Z",
    machine: { cpus: 2, node: "v20" },
    quick: true,
    build: "reused",
    execute: null,
    scale: null,
    refresh_storm: null,
    server_rss_peak_mb: 250,
    problems: [],
  };
  const storm = {
    concurrency: 100,
    connected_account_id: "ca_x",
    token_requests: 1,
    succeeded: 100,
    all_succeeded: true,
    wall_ms: 120,
    p50_ms: 50,
    p99_ms: 110,
    after_execute_successful: true,
    expires_at_after: null,
  };

  it("flags wrong results, never timings", () => {
    expect(problems({ ...base, refresh_storm: storm })).toEqual([]);
    expect(problems({ ...base, refresh_storm: { ...storm, token_requests: 2 } })).toEqual([
      "refresh_storm: 2 token requests, expected exactly 1",
    ]);
    expect(
      problems({ ...base, refresh_storm: { ...storm, succeeded: 99, all_succeeded: false } })[0],
    ).toMatch(/99\/100/);
    expect(problems({ ...base, execute: { error: "boom" } })).toEqual(["execute: boom"]);
    // A slow server is not a wrong result.
    expect(problems({ ...base, server_rss_peak_mb: 4000 })).toEqual([]);
  });

  it("prints PASS/MISS against DESIGN.md's targets", () => {
    const r = rows({ ...base, refresh_storm: storm });
    expect(r.find((x) => x.metric.startsWith("refresh storm token_requests"))?.verdict).toBe(
      "PASS",
    );
    expect(r.find((x) => x.metric === "server RSS peak (whole run)")?.verdict).toBe("PASS");
  });
});

describe("CPU load from /proc/stat", () => {
  const at = (user: number, idle: number) =>
    `cpu  ${user} 0 0 ${idle} 0 0 0 0 0 0\ncpu0 1 0 0 1 0 0 0 0 0 0\nintr 1\n`;
  it("is the busy share of the time between two samples", () => {
    const a = parseCpuTimes(at(100, 900));
    const b = parseCpuTimes(at(175, 925));
    expect(a).toEqual({ busy: 100, total: 1000 });
    expect(busyShare(a, b)).toBe(0.75);
    expect(busyShare(b, a)).toBeNull();
    expect(parseCpuTimes("intr 1\n")).toBeNull();
  });
});
