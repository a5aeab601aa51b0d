// Scale: the core queries the API and dashboard run, timed against the seeded database; then the dashboard pages.
import postgres from "postgres";
import { openDb } from "@/db";
import { getConnection, listConnections } from "@/lib/core/connections";
import { listEntities } from "@/lib/core/entities";
import { testDeps } from "@/tests/support/db";
import { CookieJar } from "./http";
import { summarize, type Summary } from "./stats";

export interface QueryTiming extends Summary {
  /** What was run, in words. */
  query: string;
}

export interface PageTiming extends Summary {
  path: string;
  status: number | null;
  note?: string;
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** Per query: stop early after this long (a slow query still gets at least MIN_SAMPLES samples). */
const BUDGET_MS = 20_000;
const MIN_SAMPLES = 20;

async function time(iterations: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(3, iterations); i++) await fn(i); // warm the plan cache and buffers
  const out: number[] = [];
  const until = Date.now() + BUDGET_MS;
  for (let i = 0; i < iterations; i++) {
    if (i >= MIN_SAMPLES && Date.now() > until) break;
    const t = process.hrtime.bigint();
    await fn(i);
    out.push(ms(t));
  }
  return out;
}

/** The queries of the scale targets, through the core functions on a postgres.js handle. */
export async function timeQueries(
  url: string,
  projectId: string,
  sizes: { entities: number },
  iterations: number,
): Promise<Record<string, QueryTiming>> {
  const raw = postgres(url, { max: 1, onnotice: () => {} });
  const sample = await raw<Array<{ id: string }>>`
    select id from connections tablesample system (2) where project_id = ${projectId} limit 5000`;
  await raw.end({ timeout: 5 });
  if (sample.length === 0) throw new Error("no seeded connections to sample");
  const handle = await openDb({ url });
  const deps = testDeps(handle);
  const pick = (i: number) => sample[(i * 7919) % sample.length]!.id;
  const user = (i: number) => `user_${1 + ((i * 104_729) % sizes.entities)}`;
  const prefixes = ["user_1", "user_42", "user_777", "user_9", "user_5"];
  const apps = ["github", "slack", "notion", "linear"];
  try {
    const run = async (
      query: string,
      fn: (i: number) => Promise<unknown>,
    ): Promise<QueryTiming> => ({
      query,
      ...summarize(await time(iterations, fn)),
    });
    return {
      get_by_id: await run("getConnection(id) — GET /connected_accounts/{id}", (i) =>
        getConnection(deps, { projectId, id: pick(i) }),
      ),
      list_by_entity: await run(
        "listConnections(user_ids=[one], limit 20, withTotal) — GET /connected_accounts?user_ids=",
        (i) => listConnections(deps, { projectId, userIds: [user(i)], limit: 20, withTotal: true }),
      ),
      filtered_list: await run(
        "listConnections(app, status=ACTIVE, limit 25) — /connections?app=&status= first page",
        (i) =>
          listConnections(deps, {
            projectId,
            appKeys: [apps[i % apps.length]!],
            statuses: ["ACTIVE"],
            limit: 25,
          }),
      ),
      filtered_list_with_total: await run(
        "listConnections(app, status=ACTIVE, limit 20, withTotal) — GET /connected_accounts?toolkit_slugs=&statuses=",
        (i) =>
          listConnections(deps, {
            projectId,
            appKeys: [apps[i % apps.length]!],
            statuses: ["ACTIVE"],
            limit: 20,
            withTotal: true,
          }),
      ),
      entity_prefix_search: await run("listEntities(prefix, limit 50) — /entities?q=", (i) =>
        listEntities(deps, { projectId, prefix: prefixes[i % prefixes.length], limit: 50 }),
      ),
      // Not a DESIGN.md target: the API's default list (no filter) counts every connection.
      list_all_with_total: await run(
        "listConnections(no filter, limit 20, withTotal) — GET /connected_accounts",
        () => listConnections(deps, { projectId, limit: 20, withTotal: true }),
      ),
    };
  } finally {
    await handle.close();
  }
}

/** Sign in to the dashboard through Auth.js' credentials provider; returns the jar with the session. */
export async function signIn(
  base: string,
  admin: { email: string; password: string },
): Promise<CookieJar> {
  const jar = new CookieJar();
  const csrf = await jar.fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error(`no csrf token (HTTP ${csrf.status})`);
  const res = await jar.fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...admin, csrfToken, callbackUrl: `${base}/` }).toString(),
  });
  await res.body?.cancel();
  if (!jar.get("authjs.session-token")) {
    throw new Error(
      `sign-in did not set a session (HTTP ${res.status} → ${res.headers.get("location")})`,
    );
  }
  return jar;
}

/** p50/p99 of full page renders (server time + transfer on loopback). */
export async function timePages(
  base: string,
  jar: CookieJar,
  paths: string[],
  iterations: number,
): Promise<PageTiming[]> {
  const out: PageTiming[] = [];
  for (const path of paths) {
    const first = await jar.fetch(`${base}${path}`);
    await first.text();
    if (first.status !== 200) {
      const where = first.headers.get("location");
      out.push({
        path,
        status: first.status,
        n: 0,
        p50: null,
        p99: null,
        mean: null,
        max: null,
        note:
          first.status === 404
            ? "page not built yet"
            : `HTTP ${first.status}${where ? ` → ${where}` : ""}`,
      });
      continue;
    }
    const samples = await time(iterations, async () => {
      const res = await jar.fetch(`${base}${path}`);
      await res.text();
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} during timing`);
    });
    out.push({ path, status: 200, ...summarize(samples) });
  }
  return out;
}
