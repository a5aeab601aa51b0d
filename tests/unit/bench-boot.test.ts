import { describe, expect, it } from "vitest";
import { roundOrder } from "@/bench/boot";
import { problems, rows, type Report } from "@/bench/report";
import { summarize } from "@/bench/stats";

describe("roundOrder", () => {
  it("starts the targets in turn, reversed every other round", () => {
    expect(roundOrder(["old", "new"], 0)).toEqual(["old", "new"]);
    expect(roundOrder(["old", "new"], 1)).toEqual(["new", "old"]);
    expect(roundOrder(["a", "b", "c"], 2)).toEqual(["a", "b", "c"]);
    expect(roundOrder(["a", "b", "c"], 3)).toEqual(["c", "b", "a"]);
  });

  it("does not change its argument", () => {
    const t = ["a", "b"];
    roundOrder(t, 1);
    expect(t).toEqual(["a", "b"]);
  });
});

describe("boot phase in the report", () => {
  const base: Report = {
    at: "2026-12-05T00:00:00Z",
    machine: { cpus: 2, node: "v20" },
    quick: true,
    build: "reused",
    execute: null,
    scale: null,
    refresh_storm: null,
    server_rss_peak_mb: null,
    problems: [],
  };
  const run = {
    ready_ms: 3000,
    ready_rss_mb: 230,
    idle_rss_mb: 220,
    search_all_ms: 400,
    search_status: 200,
    search_total_items: 335,
    loaded_rss_mb: 260,
  };
  const boot = {
    root: "/work/main",
    dist_dir: ".next-boot",
    starts: 2,
    idle_ms: 5000,
    ready_ms: summarize([3000, 3200], 1),
    idle_rss_mb: summarize([220, 224], 1),
    loaded_rss_mb: summarize([260, 262], 1),
    search_all_ms: summarize([400, 420], 1),
    runs: [run, run],
    all_good: true,
  };

  it("reports median and max boot time and both idle RSS figures, without a verdict", () => {
    const list = rows({ ...base, boot });
    const value = (prefix: string) => list.find((r) => r.metric.startsWith(prefix))?.value;
    expect(value("boot spawn→ready p50")).toBe("3,100 ms");
    expect(value("boot spawn→ready max")).toBe("3,200 ms");
    expect(value("idle RSS p50 (5 s")).toBe("222 MB");
    expect(value("idle RSS p50 after it")).toBe("261 MB");
    expect(list.filter((r) => /boot|idle RSS/.test(r.metric)).every((r) => !r.verdict)).toBe(true);
  });

  it("is a wrong result only when a start failed or its search found nothing, never for timings", () => {
    expect(problems({ ...base, boot: { ...boot, ready_ms: summarize([90_000], 1) } })).toEqual([]);
    expect(problems({ ...base, boot: { error: "Keyport did not become healthy" } })).toEqual([
      "boot: Keyport did not become healthy",
    ]);
    expect(problems({ ...base, boot: { ...boot, all_good: false } })).toHaveLength(1);
  });
});
