// `npm run bench:profile` (tsx bench/profile.ts [--target=execute|mcp|search] [--seconds=N] [--connections=N] [--top=N]):
// where one execute's (or MCP tools/call's, or tool search's)
// server CPU goes. Keyport runs with --cpu-prof under execute load; each sample is charged to the
// innermost frame that belongs to a category (auth, DB, crypto, upstream, log, framework,
// Keyport's own execute code), found through the build's source maps; the summary is CPU
// milliseconds per request. Needs DATABASE_URL like `npm run bench`; builds as it does.
import fs from "node:fs";
import { SourceMap } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPgDatabase } from "@/tests/support/db";
import { load, setup, type Target } from "./execute";
import { setup as setupMcp } from "./mcp";
import { DIST_DIR, ensureBuild, startKeyport, startReference } from "./server";

interface Frame {
  url: string;
  lineNumber: number;
  columnNumber: number;
  functionName: string;
}
interface ProfileNode {
  id: number;
  callFrame: Frame;
  parent?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Categories by original source path (first match wins), innermost categorised frame decides. */
const CATEGORIES: Array<[string, RegExp]> = [
  ["log", /lib\/core\/(executions|execution-log-writer|redact)\.ts/],
  [
    "auth",
    /lib\/core\/api-key|lib\/http\/(with-api-key|client-address|input-guard)|@node-rs\/argon2/,
  ],
  ["crypto", /lib\/crypto\/|lib\/core\/(sealed|bindings)\.ts|^node:crypto|internal\/crypto/],
  ["DB", /node_modules\/(postgres|drizzle-orm)\/|(^|\/)db\/|lib\/core\/connection-(cache|row)/],
  [
    "upstream",
    /node_modules\/undici\/|lib\/egress\/|lib\/core\/(upstream|proxy|request-build)\.ts|internal\/deps\/undici/,
  ],
  ["execute (Keyport's own)", /(^|\/)lib\/|(^|\/)app\/api\//],
  [
    "framework (Next, front server, HTTP)",
    /node_modules\/next\/|(^|\/)server\/(front|lean|main)\.ts|^node:(_http|http|net)|_http_|internal\/(http|streams|webstreams)|node_modules\/(zod)\//,
  ],
];

const sourceMaps = new Map<string, SourceMap | null>();

/** The original source of a generated position (the build's .map files), else the url itself. */
function original(frame: Frame): string {
  return originalPosition(frame).source;
}

/** The original source and 1-based line of a generated position (the line is the generated one without a map). */
function originalPosition(frame: Frame): { source: string; line: number } {
  const { url } = frame;
  if (!url.startsWith("file://")) return { source: url, line: frame.lineNumber + 1 };
  const file = fileURLToPath(url);
  let map = sourceMaps.get(file);
  if (map === undefined) {
    try {
      map = new SourceMap(
        JSON.parse(fs.readFileSync(`${file}.map`, "utf8")) as ConstructorParameters<
          typeof SourceMap
        >[0],
      );
    } catch {
      map = null;
    }
    sourceMaps.set(file, map);
  }
  const entry: { originalSource?: string; originalLine?: number } | undefined = map?.findEntry(
    frame.lineNumber,
    frame.columnNumber,
  );
  return entry?.originalSource
    ? { source: path.normalize(entry.originalSource), line: (entry.originalLine ?? 0) + 1 }
    : { source: file, line: frame.lineNumber + 1 };
}

function categorise(profile: Profile): Record<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c)!.parent = n.id;
  const memo = new Map<number, string>();
  const categoryOf = (id: number): string => {
    const cached = memo.get(id);
    if (cached) return cached;
    const node = byId.get(id)!;
    const f = node.callFrame;
    let cat: string | undefined;
    if (f.functionName === "(garbage collector)") cat = "GC";
    else if (f.functionName === "(idle)") cat = "idle";
    else if (f.functionName === "(program)") cat = "V8 / native (unattributed)";
    else {
      const src = original(f);
      cat = CATEGORIES.find(([, re]) => re.test(src))?.[0];
    }
    cat ??= node.parent === undefined ? "other" : categoryOf(node.parent);
    memo.set(id, cat);
    return cat;
  };
  const ms: Record<string, number> = {};
  profile.samples.forEach((id, i) => {
    const c = categoryOf(id);
    ms[c] = (ms[c] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
  });
  return ms;
}

/** The functions with the most self time, by original source position (`--top=N`). */
function topFunctions(profile: Profile, n: number): Array<[string, number]> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    if (f.functionName === "(idle)") return;
    const at = originalPosition(f);
    const where = at.source.replace(/^.*node_modules\//, "").replace(/^.*\/work\/[^/]+\//, "");
    const key = `${f.functionName || "(anonymous)"}  ${where}:${at.line}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string, d: number) =>
    Number(args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? d);
  const seconds = arg("seconds", 10);
  const target =
    args.find((a) => a.startsWith("--target="))?.slice("--target=".length) ?? "execute";
  if (!["execute", "mcp", "search"].includes(target))
    throw new Error(`--target=${target}: use execute, mcp or search`);
  const connections = arg("connections", 32);
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("set DATABASE_URL (a Postgres server), as for npm run bench");
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-profile-"));
  await ensureBuild({ force: false, reuse: args.includes("--reuse-build"), logDir });
  const db = await createPgDatabase(base);
  const kp = await startKeyport({
    databaseUrl: db.url,
    logDir,
    nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${logDir}`],
  });
  const reference = await startReference({
    databaseUrl: db.url,
    upstream: `${kp.sandboxOrigin}/api/notes`,
    upstreamKey: "sbx_demo_key",
  });
  let good = 0;
  try {
    const { targets } = await setup(kp, reference);
    const keyport: Target =
      target === "mcp"
        ? (await setupMcp(kp)).targets[1]
        : target === "search"
          ? {
              name: "keyport",
              url: `${kp.base}/api/v3.1/tools?search=create%20issue&limit=20`,
              method: "GET",
              headers: { "x-api-key": kp.bootstrapKey, "accept-encoding": "gzip" },
              expect: "",
            }
          : targets.find((t) => t.name === "keyport")!;
    await load(keyport, connections, 3); // warm-up, charged below like the rest
    const r = await load(keyport, connections, seconds);
    good = r.requests - r.bad;
    process.stdout.write(`${DIST_DIR}: ${target} ${r.rps} req/s at ${connections} connections\n`);
  } finally {
    await reference.stop();
    await kp.stop();
    await db.drop().catch(() => {});
  }
  const file = fs.readdirSync(logDir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no .cpuprofile in ${logDir} (did the server exit cleanly?)`);
  const profile = JSON.parse(fs.readFileSync(path.join(logDir, file), "utf8")) as Profile;
  const ms = categorise(profile);
  // Warm-up requests are in the profile too: charge per request over both runs' requests.
  const requests = good * (1 + 3 / seconds);
  const busy = Object.entries(ms).filter(([k]) => k !== "idle");
  const total = busy.reduce((s, [, v]) => s + v, 0);
  process.stdout.write(`server CPU per request (≈${Math.round(requests)} requests):\n`);
  for (const [k, v] of busy.sort((a, b) => b[1] - a[1]))
    process.stdout.write(
      `  ${k.padEnd(40)} ${(v / requests).toFixed(3)} ms  ${((v / total) * 100).toFixed(1)} %\n`,
    );
  process.stdout.write(`  ${"total".padEnd(40)} ${(total / requests).toFixed(3)} ms\n`);
  const top = arg("top", 0);
  if (top > 0) {
    process.stdout.write(`top ${top} functions by self time (ms per request):\n`);
    for (const [k, v] of topFunctions(profile, top))
      process.stdout.write(`  ${(v / requests).toFixed(4)}  ${k}\n`);
  }
  fs.rmSync(logDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`profile failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
