// Boot time and idle memory (issue 15: "boot time and idle memory stay as today (± 10 %)").
// N fresh starts of `npm start`'s server, each on a fresh Postgres database (so each start runs the
// migrations and the first-boot seed, as a new install does): time from spawn to the first ok of
// GET /api/health, VmRSS after ~5 s idle, then VmRSS (~5 s idle again) after one tool search across
// every app (GET /api/v3.1/tools?search=issue, no toolkit), which loads every app's actions.
//
// The bench's phase measures this checkout's build. Run alone, the file compares checkouts in one
// sitting, alternating their starts so machine noise hits each alike:
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/boot.ts \
//     --target=/tmp/kp-old:.next-old --target=.:.next-boot [--starts=5] [--idle=5]
// (each target a checkout with `npm ci` done and a production build in the named dist dir).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { createPgDatabase } from "@/tests/support/db";
import { e2eServerEnv } from "@/tests/support/e2e-env";
import { freePort } from "@/tests/support/free-port";
import { apiClient } from "./http";
import {
  DIST_DIR,
  findNextServer,
  ROOT,
  rssMb,
  spawnSandbox,
  startFlags,
  waitHealthy,
} from "./server";
import { ratio, round, summarize, type Summary } from "./stats";

/** A checkout to start: its root (with node_modules) and the folder of its production build. */
export interface BootTarget {
  root: string;
  distDir: string;
}

export interface BootStart {
  /** Spawn of the server process → first GET /api/health answering ok. */
  ready_ms: number;
  /** VmRSS right when it became ready. */
  ready_rss_mb: number | null;
  /** VmRSS after being ready and idle for idle_ms. */
  idle_rss_mb: number | null;
  /** The first tool search across every app (loads every app's actions). */
  search_all_ms: number;
  search_status: number;
  search_total_items: number;
  /** VmRSS after that search and idle_ms more. */
  loaded_rss_mb: number | null;
}

export interface BootResult {
  root: string;
  dist_dir: string;
  starts: number;
  idle_ms: number;
  ready_ms: Summary;
  idle_rss_mb: Summary;
  loaded_rss_mb: Summary;
  search_all_ms: Summary;
  runs: BootStart[];
  /** Every start became ready on Postgres with the sandbox, and its search answered 200 with results. */
  all_good: boolean;
}

const SEARCH_ALL = "/api/v3.1/tools?search=issue&limit=20";
const READY_TIMEOUT_MS = 90_000;
/** Health polls this often: the step bounds how late "ready" can be seen. */
const POLL_MS = 25;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Start order for round `i`: the targets in turn, reversed every other round (ABBA…), so neither
 * checkout always starts first (right after the other's exit, with warmer or colder caches).
 */
export function roundOrder<T>(targets: readonly T[], i: number): T[] {
  return i % 2 === 0 ? [...targets] : [...targets].reverse();
}

/** The server's environment, as bench/server.ts's startKeyport gives it (test secrets, sandbox elsewhere). */
function serverEnv(opts: {
  port: number;
  sandboxPort: number;
  databaseUrl: string;
  dataDir: string;
  distDir: string;
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...e2eServerEnv };
  delete env.PGLITE_DIR;
  delete env.TEST_DATABASE_URL;
  delete env.BENCH_DIST_DIR;
  const base = `http://127.0.0.1:${opts.port}`;
  return Object.assign(env, {
    NODE_ENV: "production",
    PORT: String(opts.port),
    KEYPORT_PUBLIC_URL: base,
    DATABASE_URL: opts.databaseUrl,
    KEYPORT_DATA_DIR: opts.dataDir,
    KEYPORT_SANDBOX: "1",
    KEYPORT_SANDBOX_PORT: String(opts.sandboxPort),
    KEYPORT_SANDBOX_URL: `http://127.0.0.1:${opts.sandboxPort}`,
    KEYPORT_ALLOW_LOOPBACK_EGRESS: "1",
    KEYPORT_SANDBOX_ACCESS_TTL: "3600",
    NEXT_DIST_DIR: opts.distDir,
    NEXT_TELEMETRY_DISABLED: "1",
  });
}

/** The target's `npm start` flags; they must be this checkout's (bench/server.ts startFlags). */
function flagsFor(target: BootTarget): string[] {
  const flags = startFlags();
  const start = (root: string) =>
    (
      JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts.start;
  if (path.resolve(target.root) !== ROOT && start(target.root) !== start(ROOT))
    throw new Error(
      `${target.root}'s "start" (${start(target.root)}) differs from this checkout's (${start(ROOT)})`,
    );
  return flags;
}

/** The target's own sandbox (`npm run sandbox`) on a free port, shared by its starts. */
async function startSandbox(
  target: BootTarget,
  databaseBase: string,
  logDir: string,
): Promise<{ port: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const env = serverEnv({
    port: await freePort(),
    sandboxPort: port,
    databaseUrl: databaseBase, // not used by the sandbox; set as startKeyport sets it
    dataDir: os.tmpdir(),
    distDir: target.distDir,
  });
  const { stop } = await spawnSandbox(
    target.root,
    env,
    port,
    path.join(logDir, "boot-sandbox.log"),
  );
  return { port, stop };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** One start on a fresh database: spawn → ready, idle RSS, search across all apps, loaded RSS. */
export async function bootOnce(
  target: BootTarget,
  opts: { databaseBase: string; sandboxPort: number; idleMs: number; logDir: string },
): Promise<BootStart> {
  const db = await createPgDatabase(opts.databaseBase);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-boot-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = serverEnv({
    port,
    sandboxPort: opts.sandboxPort,
    databaseUrl: db.url,
    dataDir,
    distDir: target.distDir,
  });
  const logFile = path.join(opts.logDir, "boot-server.log");
  const out = fs.openSync(logFile, "w");
  const args = [
    ...flagsFor(target),
    path.join(target.root, "server/main.ts"),
    "-p",
    String(port),
    "-H",
    "127.0.0.1",
  ];
  const spawned = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: target.root,
    env,
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  try {
    await waitHealthy(base, child, logFile, READY_TIMEOUT_MS, POLL_MS);
    const readyMs = performance.now() - spawned;
    const pid = () => findNextServer(child.pid!);
    const readyRss = rssMb(pid());
    await sleep(opts.idleMs);
    const idleRss = rssMb(pid());
    const api = apiClient(base, e2eServerEnv.KEYPORT_BOOTSTRAP_API_KEY!);
    const started = performance.now();
    const res = await api<{ total_items?: number }>("GET", SEARCH_ALL);
    const searchMs = performance.now() - started;
    await sleep(opts.idleMs);
    const loadedRss = rssMb(pid());
    return {
      ready_ms: round(readyMs, 1)!,
      ready_rss_mb: readyRss,
      idle_rss_mb: idleRss,
      search_all_ms: round(searchMs, 1)!,
      search_status: res.status,
      search_total_items: res.body.total_items ?? 0,
      loaded_rss_mb: loadedRss,
    };
  } finally {
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
    await db.drop();
  }
}

function result(target: BootTarget, idleMs: number, runs: BootStart[]): BootResult {
  const nums = (f: (s: BootStart) => number | null) =>
    runs.map(f).filter((v): v is number => v !== null);
  return {
    root: target.root,
    dist_dir: target.distDir,
    starts: runs.length,
    idle_ms: idleMs,
    ready_ms: summarize(
      nums((s) => s.ready_ms),
      1,
    ),
    idle_rss_mb: summarize(
      nums((s) => s.idle_rss_mb),
      1,
    ),
    loaded_rss_mb: summarize(
      nums((s) => s.loaded_rss_mb),
      1,
    ),
    search_all_ms: summarize(
      nums((s) => s.search_all_ms),
      1,
    ),
    runs,
    all_good:
      runs.length > 0 &&
      runs.every(
        (s) =>
          s.search_status === 200 &&
          s.search_total_items > 0 &&
          s.idle_rss_mb !== null &&
          s.loaded_rss_mb !== null,
      ),
  };
}

const line = (s: BootStart) =>
  `ready ${Math.round(s.ready_ms)} ms, idle ${s.idle_rss_mb} MB, search-all ${Math.round(s.search_all_ms)} ms (HTTP ${s.search_status}, ${s.search_total_items} tools), then ${s.loaded_rss_mb} MB`;

/** `starts` rounds; each round starts every target once (alternating order); one result per target. */
export async function benchBoots(opts: {
  targets: BootTarget[];
  databaseBase: string;
  starts: number;
  idleMs: number;
  logDir: string;
  log: (line: string) => void;
}): Promise<BootResult[]> {
  const sandboxes: Array<{ port: number; stop: () => Promise<void> }> = [];
  try {
    for (const t of opts.targets)
      sandboxes.push(await startSandbox(t, opts.databaseBase, opts.logDir));
    const runs = opts.targets.map(() => [] as BootStart[]);
    for (let i = 0; i < opts.starts; i++) {
      for (const k of roundOrder(
        opts.targets.map((_, k) => k),
        i,
      )) {
        const t = opts.targets[k]!;
        const s = await bootOnce(t, { ...opts, sandboxPort: sandboxes[k]!.port });
        runs[k]!.push(s);
        const name = opts.targets.length > 1 ? `${t.root} ${t.distDir}: ` : "";
        opts.log(`  start ${i + 1}/${opts.starts}: ${name}${line(s)}`);
      }
    }
    return opts.targets.map((t, k) => result(t, opts.idleMs, runs[k]!));
  } finally {
    for (const s of sandboxes) await s.stop();
  }
}

/** The bench's boot phase: this checkout's build. */
export async function benchBoot(opts: {
  databaseBase: string;
  starts: number;
  idleMs: number;
  logDir: string;
  log: (line: string) => void;
}): Promise<BootResult> {
  const [r] = await benchBoots({ ...opts, targets: [{ root: ROOT, distDir: DIST_DIR }] });
  opts.log(
    `  boot: ready p50 ${r!.ready_ms.p50} ms (max ${r!.ready_ms.max}); idle RSS p50 ${r!.idle_rss_mb.p50} MB; after loading every app's actions ${r!.loaded_rss_mb.p50} MB`,
  );
  return r!;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const base = process.env.DATABASE_URL;
  const targets = args
    .filter((a) => a.startsWith("--target="))
    .map((a) => {
      const [root = "", distDir = ".next-boot"] = a.slice("--target=".length).split(":");
      return { root: path.resolve(root), distDir };
    });
  if (!base || !targets.length) {
    process.stderr.write(
      "usage: DATABASE_URL=postgres://…/postgres npx tsx bench/boot.ts --target=ROOT:DIST_DIR … [--starts=5] [--idle=5]\n",
    );
    return 2;
  }
  for (const t of targets)
    if (!fs.existsSync(path.join(t.root, t.distDir, "BUILD_ID")))
      throw new Error(`no build in ${path.join(t.root, t.distDir)}`);
  const num = (name: string, fallback: number) =>
    Number(args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
  const logDir = path.join(ROOT, "bench/results");
  fs.mkdirSync(logDir, { recursive: true });
  const results = await benchBoots({
    targets,
    databaseBase: base,
    starts: num("starts", 5),
    idleMs: num("idle", 5) * 1000,
    logDir,
    log: (l) => process.stdout.write(`${l}\n`),
  });
  const file = path.join(logDir, "boot-compare.json");
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const first = results[0]!;
  for (const r of results) {
    process.stdout.write(
      `\n${r.root} (${r.dist_dir}), ${r.starts} starts:\n` +
        `  ready      p50 ${r.ready_ms.p50} ms  max ${r.ready_ms.max} ms  ×${ratio(r.ready_ms.p50, first.ready_ms.p50)}\n` +
        `  idle RSS   p50 ${r.idle_rss_mb.p50} MB  max ${r.idle_rss_mb.max} MB  ×${ratio(r.idle_rss_mb.p50, first.idle_rss_mb.p50)}\n` +
        `  loaded RSS p50 ${r.loaded_rss_mb.p50} MB  max ${r.loaded_rss_mb.max} MB  ×${ratio(r.loaded_rss_mb.p50, first.loaded_rss_mb.p50)}\n` +
        `  search-all p50 ${r.search_all_ms.p50} ms  all good: ${r.all_good}\n`,
    );
  }
  process.stdout.write(`\nresults: ${path.relative(process.cwd(), file)}\n`);
  return results.every((r) => r.all_good) ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
