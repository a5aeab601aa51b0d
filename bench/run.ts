// `npm run bench [-- --quick] [--rebuild | --reuse-build] [--only=boot,execute,mcp,scale,refresh_storm,instances,webhooks,search] [--wait-quiet=SECONDS]`
// Production build, a fresh Postgres database, Keyport on a free port; execute, scale and refresh-storm
// measured as DESIGN.md "Performance targets" defines; results in bench/results/latest.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { createPgDatabase } from "@/tests/support/db";
import { benchBoot } from "./boot";
import { benchExecute } from "./execute";
import { benchInstances } from "./instances";
import { apiClient } from "./http";
import { benchMcp } from "./mcp";
import { benchRefreshStorm } from "./refresh-storm";
import { benchSearch } from "./search";
import { benchWebhooks } from "./webhooks";
import {
  problems,
  rows,
  table,
  writeJson,
  type Phase,
  type Report,
  type ScaleResult,
} from "./report";
import { signIn, timePages, timeQueries } from "./scale";
import { createIntegrations, seed } from "./seed";
import {
  cpuBusy,
  DIST_DIR,
  ensureBuild,
  ROOT,
  RssSampler,
  startKeyport,
  type Keyport,
} from "./server";

type PhaseName =
  "boot" | "execute" | "mcp" | "scale" | "refresh_storm" | "instances" | "webhooks" | "search";
/** The phases that share one long-running server (boot starts its own). */
const SHARED: PhaseName[] = [
  "execute",
  "mcp",
  "scale",
  "refresh_storm",
  "instances",
  "webhooks",
  "search",
];

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const enabled = (p: PhaseName) => !only || only.includes(p);
/** --wait-quiet=SECONDS: in total, wait at most this long for other work on the machine to calm down. */
const waitQuiet = Number(args.find((a) => a.startsWith("--wait-quiet="))?.split("=")[1] ?? 0);
const quietUntil = Date.now() + waitQuiet * 1000;
/** CPU share used by others (our server idle) above which timings are flagged as disturbed. */
const BUSY_WARN = 0.3;
const busyBefore: Record<string, number | null> = {};
const SIZES = quick
  ? { entities: 2_000, connections: 20_000 }
  : { entities: 100_000, connections: 1_000_000 };
const DURATION_S = quick ? 2 : 10;
/** Fresh starts of the server in the boot phase, and how long each stays idle before its RSS is read. */
const BOOT_STARTS = quick ? 2 : 5;
const BOOT_IDLE_MS = 5_000;
// A p99 needs samples: from 200 it would be the second-slowest one, so one stray pause decides it.
const ITERATIONS = quick ? 30 : 2000;
const PAGE_ITERATIONS = quick ? 20 : 100;
const PAGES = [
  "/entities",
  "/entities?q=user_1",
  "/connections",
  "/connections?app=github&status=ACTIVE",
];
const RESULTS = path.join(ROOT, "bench/results");

const log = (line: string) => process.stdout.write(`${line}\n`);
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Wait (up to --wait-quiet seconds) until the machine is mostly idle; record how busy it was. */
async function quiet(name: string): Promise<void> {
  let busy = await cpuBusy(1000);
  while (busy !== null && busy > BUSY_WARN && Date.now() < quietUntil) {
    log(`  waiting for a quieter machine: ${Math.round(busy * 100)}% CPU busy`);
    await new Promise((r) => setTimeout(r, 5000));
    busy = await cpuBusy(2000);
  }
  busyBefore[name] = busy;
  if (busy !== null && busy > BUSY_WARN) {
    log(
      `  NOTE: the machine is ${Math.round(busy * 100)}% busy with other work before ${name}: timings are disturbed`,
    );
  }
}

async function phase<T>(name: string, fn: () => Promise<T>): Promise<Phase<T>> {
  log(`\n▶ ${name}`);
  await quiet(name);
  const started = Date.now();
  try {
    const out = await fn();
    log(`  ${name} done in ${Math.round((Date.now() - started) / 1000)} s`);
    return out;
  } catch (err) {
    log(`  ${name} FAILED: ${message(err)}`);
    return { error: message(err) };
  }
}

async function defaultProjectId(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<Array<{ id: string }>>`select id from projects where slug = 'default'`;
    if (!row) throw new Error("the Default project is missing");
    return row.id;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function scale(kp: Keyport, url: string, rss: RssSampler): Promise<ScaleResult> {
  rss.enter("scale");
  const projectId = await defaultProjectId(url);
  await createIntegrations(apiClient(kp.base, kp.bootstrapKey));
  const seeded = await seed(url, projectId, SIZES, log);
  if (!seeded.counts_ok)
    throw new Error(
      `seeded ${seeded.entities} entities / ${seeded.connections} connections, expected ${SIZES.entities} / ${SIZES.connections}`,
    );
  const q = await timeQueries(url, projectId, SIZES, ITERATIONS);
  for (const [k, v] of Object.entries(q)) log(`  ${k.padEnd(26)} p50 ${v.p50} ms  p99 ${v.p99} ms`);
  let pages: ScaleResult["pages"] = [];
  let pagesNote: string | undefined;
  try {
    const jar = await signIn(kp.base, kp.admin);
    pages = await timePages(kp.base, jar, PAGES, PAGE_ITERATIONS);
    for (const p of pages)
      log(`  page ${p.path.padEnd(40)} ${p.note ?? `p50 ${p.p50} ms  p99 ${p.p99} ms`}`);
  } catch (err) {
    pagesNote = `not measured: ${message(err)}`;
    pages = PAGES.map((p) => ({
      path: p,
      status: null,
      n: 0,
      p50: null,
      p99: null,
      mean: null,
      max: null,
      note: "sign-in failed",
    }));
    log(`  dashboard pages ${pagesNote}`);
  }
  return {
    seed: seeded,
    iterations: ITERATIONS,
    get_by_id_p99_ms: q.get_by_id!.p99,
    list_by_entity_p99_ms: q.list_by_entity!.p99,
    filtered_list_p99_ms: q.filtered_list!.p99,
    filtered_list_with_total_p99_ms: q.filtered_list_with_total!.p99,
    entity_prefix_search_p99_ms: q.entity_prefix_search!.p99,
    queries: q,
    pages,
    ...(pagesNote ? { pages_note: pagesNote } : {}),
  };
}

async function postgresVersion(url: string): Promise<string | undefined> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<Array<{ server_version: string }>>`show server_version`;
    return row?.server_version;
  } catch {
    return undefined;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function main(): Promise<number> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    process.stderr.write(
      "npm run bench needs a Postgres server: set DATABASE_URL, e.g.\n" +
        "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- --quick\n" +
        "A fresh database is created on that server for the run and dropped at the end.\n",
    );
    return 2;
  }
  fs.mkdirSync(RESULTS, { recursive: true });
  log(`Keyport bench${quick ? " (quick)" : ""}: ${os.cpus().length} CPUs, Node ${process.version}`);
  const build = await ensureBuild({
    force: args.includes("--rebuild"),
    reuse: args.includes("--reuse-build"),
    logDir: RESULTS,
  });
  if (build === "reused") log(`build: reusing ${DIST_DIR}`);

  const db = await createPgDatabase(base);
  let kp: Keyport | undefined;
  let rss: RssSampler | undefined;
  const cleanup = async () => {
    rss?.stop();
    await kp?.stop().catch(() => {});
    await db
      .drop()
      .catch((err: unknown) => log(`dropping the bench database failed: ${message(err)}`));
  };
  const onSignal = () => {
    log("\ninterrupted: stopping Keyport and dropping the bench database");
    void cleanup().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const report: Report = {
    at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      postgres: await postgresVersion(db.url),
    },
    quick,
    build,
    execute: null,
    scale: null,
    refresh_storm: null,
    server_rss_peak_mb: null,
    problems: [],
  };
  try {
    // Before the shared server starts, so nothing else of ours runs while it measures.
    if (enabled("boot"))
      report.boot = await phase("boot", () =>
        benchBoot({
          databaseBase: base,
          starts: BOOT_STARTS,
          idleMs: BOOT_IDLE_MS,
          logDir: RESULTS,
          log,
        }),
      );
    // --only=boot starts no shared server.
    if (SHARED.some(enabled)) {
      kp = await startKeyport({ databaseUrl: db.url, logDir: RESULTS });
      log(
        `Keyport on ${kp.base} (pid ${kp.serverPid()}), sandbox on ${kp.sandboxOrigin}, database ${new URL(db.url).pathname.slice(1)}`,
      );
      rss = new RssSampler(kp.serverPid).start();
      const server = kp;
      const sampler = rss;
      if (enabled("execute"))
        report.execute = await phase("execute", () =>
          benchExecute(server, db.url, sampler, DURATION_S, log),
        );
      if (enabled("mcp"))
        report.mcp = await phase("mcp", () => benchMcp(server, sampler, DURATION_S, log));
      if (enabled("scale"))
        report.scale = await phase("scale", () => scale(server, db.url, sampler));
      if (enabled("refresh_storm")) {
        sampler.enter("refresh_storm");
        report.refresh_storm = await phase("refresh_storm", () =>
          benchRefreshStorm(server, db.url),
        );
      }
      if (enabled("instances")) {
        sampler.enter("instances");
        report.instances = await phase("instances", () =>
          benchInstances(
            server,
            db.url,
            {
              logDir: RESULTS,
              requestsPerInstance: quick ? 200 : 2_000,
              stormConcurrency: quick ? 20 : 100,
            },
            log,
          ),
        );
      }
      if (enabled("webhooks")) {
        sampler.enter("webhooks");
        report.webhooks = await phase("webhooks", () =>
          benchWebhooks(server, quick ? 200 : 1_000, DURATION_S, log),
        );
      }
      if (enabled("search"))
        report.search = await phase("search", () =>
          benchSearch(server, sampler, quick ? 50 : 1_000, log),
        );
      report.server_rss_peak_mb = rss.peak(...Object.keys(rss.peaks));
    }
    report.machine.cpu_busy_before = busyBefore;
  } catch (err) {
    report.problems.push(`setup: ${message(err)}`);
    log(`setup FAILED: ${message(err)}`);
  } finally {
    await cleanup();
  }
  report.problems.push(...problems(report));
  writeJson(path.join(RESULTS, "latest.json"), report);
  log(`\n${table(rows(report))}\n`);
  log(`results: ${path.relative(process.cwd(), path.join(RESULTS, "latest.json"))}`);
  if (report.problems.length) {
    log(`\nWRONG RESULTS:\n${report.problems.map((p) => `  - ${p}`).join("\n")}`);
    return 1;
  }
  log("all results correct (timings are reported, never enforced)");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
