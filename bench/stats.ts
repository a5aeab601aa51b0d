// Small, pure helpers for the benchmark: percentiles, ratios, verdicts, /proc parsing.

export interface Summary {
  n: number;
  p50: number | null;
  p99: number | null;
  mean: number | null;
  max: number | null;
}

/** Round to a fixed number of decimals; null and non-finite values stay null. */
export function round(value: number | null | undefined, digits = 3): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * The p-th percentile (0–100) with linear interpolation between the closest ranks (the
 * numpy / Excel PERCENTILE.INC definition). Null for an empty sample.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (p < 0 || p > 100 || Number.isNaN(p))
    throw new RangeError(`percentile: p=${p} is not in 0–100`);
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (rank - lo);
}

/** n, p50, p99, mean and max of a sample (rounded to µs when the unit is ms). */
export function summarize(values: readonly number[], digits = 3): Summary {
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  return {
    n,
    p50: round(percentile(finite, 50), digits),
    p99: round(percentile(finite, 99), digits),
    mean: n ? round(finite.reduce((s, v) => s + v, 0) / n, digits) : null,
    // A loop, not Math.max(...values): 100k+ arguments overflow the call stack.
    max: n
      ? round(
          finite.reduce((m, v) => (v > m ? v : m), -Infinity),
          digits,
        )
      : null,
  };
}

/** a / b, or null when either side is missing or b is not positive. */
export function ratio(
  a: number | null | undefined,
  b: number | null | undefined,
  digits = 3,
): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return null;
  return round(a / b, digits);
}

/** a − b (the latency Keyport adds over the direct call), or null when either is missing. */
export function added(
  a: number | null | undefined,
  b: number | null | undefined,
  digits = 3,
): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  return round(a - b, digits);
}

export type Verdict = "PASS" | "MISS" | "n/a";

/** PASS when value meets the target: at most (`max`) or at least (`min`); n/a when unmeasured. */
export function verdict(
  value: number | null | undefined,
  target: number,
  kind: "max" | "min",
): Verdict {
  if (value === null || value === undefined || !Number.isFinite(value)) return "n/a";
  return (kind === "max" ? value <= target : value >= target) ? "PASS" : "MISS";
}

/** VmRSS of a /proc/<pid>/status text, in kB; null when absent (kernel threads, gone process). */
export function parseVmRssKb(status: string): number | null {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) : null;
}

/** Parent pid of a /proc/<pid>/stat line (field 4; the command may contain spaces and parens). */
export function parsePpid(stat: string): number | null {
  const close = stat.lastIndexOf(")");
  if (close < 0) return null;
  const fields = stat
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : null;
}

/** Busy and total jiffies of the aggregate "cpu" line of /proc/stat (idle + iowait count as idle). */
export function parseCpuTimes(stat: string): { busy: number; total: number } | null {
  const line = stat.split("\n").find((l) => l.startsWith("cpu "));
  if (!line) return null;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest times are already in user/nice)
  const total = v.slice(0, 8).reduce((s, x) => s + (Number.isFinite(x) ? x : 0), 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: total - idle, total };
}

/** Share of CPU time that was busy between two /proc/stat samples (0–1), or null. */
export function busyShare(
  a: { busy: number; total: number } | null,
  b: { busy: number; total: number } | null,
): number | null {
  if (!a || !b || b.total <= a.total) return null;
  return round((b.busy - a.busy) / (b.total - a.total), 2);
}
