// The Keyport server under test: production build (once), `npm start`'s server on free ports, RSS sampling.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { e2eServerEnv } from "@/tests/support/e2e-env";
import { freePort } from "@/tests/support/free-port";
import { busyShare, parseCpuTimes, parsePpid, parseVmRssKb } from "./stats";

export const ROOT = path.resolve(import.meta.dirname, "..");
/** BENCH_DIST_DIR picks another build folder (a helper's own build, with --reuse-build). */
export const DIST_DIR = process.env.BENCH_DIST_DIR || ".next-bench";
const SOURCES = ["app", "lib", "db", "components"];
const ROOT_FILES = [
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "package.json",
  "postcss.config.mjs",
];
// `next build` rewrites these two for its dist dir; they belong to others, so they are put back.
const TOUCHED_BY_BUILD = ["tsconfig.json", "next-env.d.ts"];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.isFile()) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Newest modification time of the sources that go into the build. */
function sourcesMtime(): number {
  let newest = 0;
  for (const d of SOURCES)
    if (fs.existsSync(path.join(ROOT, d)))
      newest = Math.max(newest, newestMtime(path.join(ROOT, d)));
  for (const f of ROOT_FILES)
    if (fs.existsSync(path.join(ROOT, f)))
      newest = Math.max(newest, fs.statSync(path.join(ROOT, f)).mtimeMs);
  return newest;
}

function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<number> {
  const out = fs.openSync(logFile, "w");
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", out, out] });
    child.on("error", reject);
    child.on("exit", (code) => {
      fs.closeSync(out);
      resolve(code ?? 1);
    });
  });
}

const tail = (file: string, lines = 40) =>
  fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n") : "";

/** `next build` into .next-bench unless a build newer than every source file exists. */
export async function ensureBuild(opts: {
  force: boolean;
  /** Use the existing build whatever its age (a shared checkout's sources change all the time). */
  reuse?: boolean;
  logDir: string;
}): Promise<"reused" | "built"> {
  const buildId = path.join(ROOT, DIST_DIR, "BUILD_ID");
  if (opts.reuse && fs.existsSync(buildId)) return "reused";
  if (!opts.force && fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs > sourcesMtime())
    return "reused";
  const saved = TOUCHED_BY_BUILD.map((f) => {
    const p = path.join(ROOT, f);
    return { p, text: fs.existsSync(p) ? fs.readFileSync(p, "utf8") : null };
  });
  const logFile = path.join(opts.logDir, "build.log");
  const started = Date.now();
  process.stdout.write(
    `building (next build → ${DIST_DIR}, log: ${path.relative(ROOT, logFile)}) … `,
  );
  try {
    const code = await run(
      process.execPath,
      [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"],
      {
        ...process.env,
        NODE_ENV: "production",
        NEXT_DIST_DIR: DIST_DIR,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      logFile,
    );
    if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${tail(logFile)}`);
  } finally {
    for (const s of saved) {
      const now = fs.existsSync(s.p) ? fs.readFileSync(s.p, "utf8") : null;
      if (now === s.text) continue;
      if (s.text === null) fs.rmSync(s.p, { force: true });
      else fs.writeFileSync(s.p, s.text);
    }
  }
  process.stdout.write(`done in ${Math.round((Date.now() - started) / 1000)} s\n`);
  return "built";
}

export interface Keyport {
  base: string;
  sandboxOrigin: string;
  bootstrapKey: string;
  admin: { email: string; password: string };
  /** pid of the server process (the spawned one or its descendant). */
  serverPid: () => number;
  logFile: string;
  stop(): Promise<void>;
}

function children(pid: number): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (parsePpid(fs.readFileSync(`/proc/${name}/stat`, "utf8")) === pid) out.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

const cmdline = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
};

/** The server process among the spawned process and its descendants. */
export function findNextServer(root: number): number {
  const seen: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    seen.push(pid);
    // server/main.ts names itself; `next start` (before the front server) called itself next-server.
    if (/^(keyport-server|next-server)/.test(cmdline(pid))) return pid;
    queue.push(...children(pid));
  }
  return seen.at(-1) ?? root;
}

/** VmRSS in MB of a process, or null once it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const kb = parseVmRssKb(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return kb === null ? null : Math.round((kb / 1024) * 10) / 10;
  } catch {
    return null;
  }
}

/** Poll /api/health until Keyport answers ok on Postgres with the sandbox; throws with the log's tail. */
export async function waitHealthy(
  base: string,
  child: ChildProcess,
  logFile: string,
  timeoutMs = 90_000,
  pollMs = 300,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`Keyport exited (code ${child.exitCode}) while starting:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${base}/api/health`);
      const body = (await res.json()) as { ok?: boolean; database?: string; sandbox?: boolean };
      if (res.ok && body.ok) {
        if (body.database !== "postgres")
          throw new Error(`Keyport runs on ${body.database}, not Postgres`);
        if (!body.sandbox) throw new Error("Keyport started without the sandbox provider");
        return;
      }
      last = `HTTP ${res.status}`;
    } catch (err) {
      if (err instanceof Error && /not Postgres|without the sandbox/.test(err.message)) throw err;
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(
    `Keyport did not become healthy in ${timeoutMs / 1000} s (${last}):\n${tail(logFile)}`,
  );
}

/** `npm run sandbox` on its own port; resolves once it serves its OpenAPI document. */
function startSandboxProcess(
  env: NodeJS.ProcessEnv,
  port: number,
  logDir: string,
): Promise<{ stop: () => Promise<void> }> {
  const logFile = path.join(logDir, "sandbox.log");
  fs.writeFileSync(logFile, ""); // this run's log only
  return spawnSandbox(ROOT, env, port, logFile);
}

/**
 * The sandbox of the checkout at `root` (its scripts/sandbox.ts) on `port`, logging to `logFile`
 * (appended to); resolves once it serves its OpenAPI document. `env` is a server's environment:
 * its KEYPORT_SANDBOX_URL is dropped, since this process is the sandbox.
 */
export async function spawnSandbox(
  root: string,
  env: NodeJS.ProcessEnv,
  port: number,
  logFile: string,
): Promise<{ stop: () => Promise<void> }> {
  const out = fs.openSync(logFile, "a");
  const sandboxEnv = { ...env };
  delete sandboxEnv.KEYPORT_SANDBOX_URL;
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/sandbox.ts"],
    { cwd: root, env: sandboxEnv, stdio: ["ignore", out, out] },
  );
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
  };
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`the sandbox exited (code ${child.exitCode}):\n${tail(logFile)}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/openapi.json`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`the sandbox did not start in 60 s:\n${tail(logFile)}`);
}

/** The node flags `npm start` gives the server (package.json), so the bench runs it the same way. */
export function startFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const m = /^node((?: --[\w-]+=\S+)*) server\/main\.ts$/.exec(pkg.scripts.start ?? "");
  if (!m)
    throw new Error(
      `package.json "start" is not "node [--flag=value …] server/main.ts": ${pkg.scripts.start}`,
    );
  return m[1]!.trim().split(" ").filter(Boolean);
}

/** Start the built Keyport on a fresh database; resolves once /api/health says ok. */
export async function startKeyport(opts: {
  databaseUrl: string;
  logDir: string;
  /** Extra node flags for the server (e.g. --cpu-prof for a diagnosis). */
  nodeArgs?: string[];
  /** Another instance's sandbox port: share it instead of starting one (two instances, one provider). */
  sandboxPort?: number;
  /** The server's log file name in logDir (default server.log). */
  logName?: string;
}): Promise<Keyport> {
  const port = await freePort();
  const sandboxPort = opts.sandboxPort ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-bench-"));
  const env: NodeJS.ProcessEnv = { ...process.env, ...e2eServerEnv };
  delete env.PGLITE_DIR;
  delete env.TEST_DATABASE_URL;
  Object.assign(env, {
    NODE_ENV: "production",
    PORT: String(port),
    KEYPORT_PUBLIC_URL: base,
    DATABASE_URL: opts.databaseUrl,
    KEYPORT_DATA_DIR: dataDir,
    KEYPORT_SANDBOX: "1",
    KEYPORT_SANDBOX_PORT: String(sandboxPort),
    // The upstream runs in its own process, as a provider would: Keyport's CPU and RSS are its own.
    KEYPORT_SANDBOX_URL: `http://127.0.0.1:${sandboxPort}`,
    KEYPORT_ALLOW_LOOPBACK_EGRESS: "1",
    // Long enough that a fresh token is never "about to expire"; the storm expires it by hand.
    KEYPORT_SANDBOX_ACCESS_TTL: "3600",
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: "1",
  });
  const sandbox = opts.sandboxPort
    ? { stop: () => Promise.resolve() }
    : await startSandboxProcess(env, sandboxPort, opts.logDir);
  const logFile = path.join(opts.logDir, opts.logName ?? "server.log");
  const out = fs.openSync(logFile, "w");
  const child = spawn(
    process.execPath,
    [
      ...startFlags(),
      ...(opts.nodeArgs ?? []),
      path.join(ROOT, "server/main.ts"),
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    { cwd: ROOT, env, stdio: ["ignore", out, out] },
  );
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    await sandbox.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitHealthy(base, child, logFile);
  } catch (err) {
    await stop();
    throw err;
  }
  let serverPid = findNextServer(child.pid!);
  return {
    base,
    sandboxOrigin: `http://127.0.0.1:${sandboxPort}`,
    bootstrapKey: e2eServerEnv.KEYPORT_BOOTSTRAP_API_KEY!,
    admin: {
      email: e2eServerEnv.KEYPORT_ADMIN_EMAIL!,
      password: e2eServerEnv.KEYPORT_ADMIN_PASSWORD!,
    },
    serverPid: () => {
      if (rssMb(serverPid) === null) serverPid = findNextServer(child.pid!);
      return serverPid;
    },
    logFile,
    stop,
  };
}

/** Samples the server's RSS every 500 ms; keeps the peak per named phase. */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private phase = "startup";
  readonly peaks: Record<string, number> = {};
  last: number | null = null;

  constructor(private readonly pid: () => number) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), 500);
    this.timer.unref();
    return this;
  }

  /** Name the phase the next samples belong to. */
  enter(phase: string): void {
    this.phase = phase;
    this.sample();
  }

  sample(): void {
    const mb = rssMb(this.pid());
    if (mb === null) return;
    this.last = mb;
    this.peaks[this.phase] = Math.max(this.peaks[this.phase] ?? 0, mb);
  }

  /** The highest sample in the given phases. */
  peak(...phases: string[]): number | null {
    const values = phases.map((p) => this.peaks[p]).filter((v): v is number => v !== undefined);
    return values.length ? values.reduce((m, v) => (v > m ? v : m), 0) : null;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/** CPU time (user + system, ms) a process has used so far, or null when /proc cannot say. */
export function processCpuMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * (1000 / CLOCK_TICKS) : null;
  } catch {
    return null;
  }
}
// USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK) is not reachable from Node).
const CLOCK_TICKS = 100;

/** Share of the machine's CPU time that was busy during the next `ms` milliseconds (0–1). */
export async function cpuBusy(ms = 1000): Promise<number | null> {
  const read = () => {
    try {
      return parseCpuTimes(fs.readFileSync("/proc/stat", "utf8"));
    } catch {
      return null;
    }
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  return busyShare(a, read());
}

/**
 * The reference model (bench/reference.ts) in its own process on a free port, on the bench's
 * database (its own two tables); resolves once it listens.
 */
export async function startReference(opts: {
  databaseUrl: string;
  upstream: string;
  upstreamKey: string;
}): Promise<{ url: string; apiKey: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const apiKey = `ref_${Math.random().toString(36).slice(2)}`;
  const child = spawn(process.execPath, [...startFlags(), path.join(ROOT, "bench/reference.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      REFERENCE_PORT: String(port),
      DATABASE_URL: opts.databaseUrl,
      REFERENCE_UPSTREAM: opts.upstream,
      REFERENCE_UPSTREAM_KEY: opts.upstreamKey,
      REFERENCE_API_KEY: apiKey,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
  };
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString("utf8");
      if (out.includes("reference ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the reference model exited (code ${code})`)));
  });
  return { url: `http://127.0.0.1:${port}/execute`, apiKey, stop };
}
