// Aggregates for the dashboard's overview and an entity's health, project-scoped. Each query is
// bounded (a time window, a LIMIT or a capped count) so a page load stays cheap at 1,000,000
// connections; the index each one relies on is named next to it.
import { and, desc, eq, gte, sql, type SQL } from "drizzle-orm";
import {
  connections,
  connectionStatuses,
  entities,
  executions,
  type ConnectionStatus,
} from "@/db/schema";
import type { Deps } from "./deps";
import { settleExecutionLog } from "./executions";

type Db = Pick<Deps, "db">;

/** Counts stop at this many rows per (app, status): "10,000+" is as useful as the exact number. */
export const COUNT_CAP = 10_000;

export interface AppStatusCounts {
  appKey: string;
  counts: Record<ConnectionStatus, number>;
  total: number;
  /** True when at least one of the counts reached the cap (the numbers are then lower bounds). */
  capped: boolean;
}

export interface ConnectionCounts {
  byStatus: Array<{ status: ConnectionStatus; count: number; capped: boolean }>;
  byApp: AppStatusCounts[];
  total: number;
  capped: boolean;
  cap: number;
}

/** Rows of a raw statement, whichever driver ran it (postgres.js: an array; PGlite: `.rows`). */
async function rowsOf<T>(deps: Db, query: SQL): Promise<T[]> {
  const result: unknown = await deps.db.execute(query);
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

/** A timestamp as epoch milliseconds in raw SQL (drivers disagree on timestamp strings). */
const epochMs = (column: SQL) => sql`(extract(epoch from ${column}) * 1000)::float8`;
const toDate = (ms: number | string | null) => (ms === null ? null : new Date(Number(ms)));

/**
 * Connections per app and status. One capped count per (app, status) on the
 * (project_id, app_key, status, created_at) index instead of a count(*) of the whole table:
 * the apps come from the project's integrations (every connection belongs to one).
 */
export async function connectionCountsByStatusAndApp(
  deps: Db,
  input: { projectId: string; cap?: number },
): Promise<ConnectionCounts> {
  const cap = input.cap ?? COUNT_CAP;
  const statuses = sql.join(
    connectionStatuses.map((s) => sql`(${s})`),
    sql`, `,
  );
  // Raw SQL: the correlated column must stay qualified (the builder renders it bare).
  const rows = await rowsOf<{ app_key: string; status: ConnectionStatus; n: number }>(
    deps,
    sql`select a.app_key, s.status,
        (select count(*)::int from (select 1 from connections c
          where c.project_id = ${input.projectId} and c.app_key = a.app_key and c.status = s.status
          limit ${cap}) capped) as n
      from (select distinct app_key from integrations where project_id = ${input.projectId}) a
      cross join (values ${statuses}) as s(status)`,
  );
  const byStatus = connectionStatuses.map((status) => ({ status, count: 0, capped: false }));
  const apps = new Map<string, AppStatusCounts>();
  for (const row of rows) {
    const n = Number(row.n);
    if (n === 0) continue;
    const app = apps.get(row.app_key) ?? {
      appKey: row.app_key,
      counts: Object.fromEntries(connectionStatuses.map((s) => [s, 0])) as Record<
        ConnectionStatus,
        number
      >,
      total: 0,
      capped: false,
    };
    app.counts[row.status] = n;
    app.total += n;
    if (n >= cap) app.capped = true;
    apps.set(row.app_key, app);
    const s = byStatus.find((b) => b.status === row.status);
    if (s) {
      s.count += n;
      if (n >= cap) s.capped = true;
    }
  }
  const byApp = [...apps.values()].sort(
    (a, b) => b.total - a.total || a.appKey.localeCompare(b.appKey),
  );
  return {
    byStatus,
    byApp,
    total: byStatus.reduce((n, s) => n + s.count, 0),
    capped: byStatus.some((s) => s.capped),
    cap,
  };
}

/** Rows read per bucket of a time series before the rest of the bucket is extrapolated. */
export const BUCKET_CAP = 2_000;

export interface Bucket {
  /** Start of the bucket (ISO). */
  start: string;
  count: number;
  errors: number;
  /** The bucket held more than BUCKET_CAP rows: count and errors are extrapolated from the first ones. */
  estimated: boolean;
}

/**
 * Rows per time bucket, each bucket read on a (project_id, time) index up to `cap` rows. A fuller
 * bucket is extrapolated: its first `cap` rows span some time, and the bucket's rows span from
 * the first to the last one (one more index probe), so the work is at most buckets × cap index
 * entries however busy the project is (a plain GROUP BY reads every row: ~450 ms for 1,000,000
 * executions in a day). The estimate assumes an even rate between the first and last row.
 */
async function bucketCounts(
  deps: Db,
  input: {
    table: "executions" | "connections";
    projectId: string;
    first: Date;
    buckets: number;
    stepMs: number;
    cap: number;
  },
): Promise<Bucket[]> {
  const [table, at, errors, status] =
    input.table === "executions"
      ? [
          sql`executions`,
          sql`at`,
          sql`count(*) filter (where x.status = 'error')::int`,
          sql`, status`,
        ]
      : [sql`connections`, sql`created_at`, sql`0`, sql``];
  const first = sql`${input.first.toISOString()}::timestamptz`;
  const step = sql`${`${input.stepMs / 1000} seconds`}::interval`;
  const inBucket = sql`project_id = ${input.projectId}
    and ${at} >= ${first} + b.i * ${step} and ${at} < ${first} + (b.i + 1) * ${step}`;
  const rows = await rowsOf<{
    i: number;
    n: number;
    errors: number;
    first_ms: number | null;
    cap_ms: number | null;
    last_ms: number | null;
  }>(
    deps,
    sql`select b.i, s.n, s.errors, s.first_ms, s.cap_ms,
        case when s.n >= ${input.cap} then (select ${epochMs(sql`max(${at})`)} from ${table}
          where ${inBucket}) end as last_ms
      from generate_series(0, ${input.buckets - 1}::int) as b(i)
      cross join lateral (
        select count(*)::int as n, ${errors} as errors,
          ${epochMs(sql`min(x.t)`)} as first_ms, ${epochMs(sql`max(x.t)`)} as cap_ms
        from (select ${at} as t${status} from ${table} where ${inBucket}
          order by ${at} limit ${input.cap}) x
      ) s
      order by b.i`,
  );
  return rows.map((r) => {
    const start = new Date(input.first.getTime() + Number(r.i) * input.stepMs).toISOString();
    const n = Number(r.n);
    const e = Number(r.errors);
    if (n < input.cap || r.first_ms === null || r.cap_ms === null || r.last_ms === null)
      return { start, count: n, errors: e, estimated: false };
    const read = Math.max(1, Number(r.cap_ms) - Number(r.first_ms));
    const factor = Math.max(1, (Number(r.last_ms) - Number(r.first_ms)) / read);
    return {
      start,
      count: Math.round(n * factor),
      errors: Math.round(e * factor),
      estimated: factor > 1,
    };
  });
}

/** Midnight UTC `days - 1` days ago: the first day of a `days`-long daily series ending today. */
function startOfDayUtc(days: number, now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - (days - 1));
  return d;
}

/** Connections created per UTC day over the last `days` days, oldest first, on (project_id, created_at). */
export async function connectionsCreatedPerDay(
  deps: Db,
  input: { projectId: string; days: number; now?: Date; cap?: number },
): Promise<Array<{ day: string; count: number; estimated: boolean }>> {
  const now = input.now ?? new Date();
  const buckets = await bucketCounts(deps, {
    table: "connections",
    projectId: input.projectId,
    first: startOfDayUtc(input.days, now),
    buckets: input.days,
    stepMs: 86_400_000,
    cap: input.cap ?? BUCKET_CAP,
  });
  return buckets.map((b) => ({
    day: b.start.slice(0, 10),
    count: b.count,
    estimated: b.estimated,
  }));
}

/** Executions and errors per UTC hour over the last `hours` hours, oldest first, on (project_id, at). */
export async function executionsPerHour(
  deps: Db,
  input: { projectId: string; hours: number; now?: Date; cap?: number },
): Promise<Array<{ hour: string; total: number; errors: number; estimated: boolean }>> {
  await settleExecutionLog(deps.db);
  const now = input.now ?? new Date();
  const first = new Date(now);
  first.setUTCMinutes(0, 0, 0);
  first.setUTCHours(first.getUTCHours() - (input.hours - 1));
  const buckets = await bucketCounts(deps, {
    table: "executions",
    projectId: input.projectId,
    first,
    buckets: input.hours,
    stepMs: 3_600_000,
    cap: input.cap ?? BUCKET_CAP,
  });
  return buckets.map((b) => ({
    hour: b.start,
    total: b.count,
    errors: b.errors,
    estimated: b.estimated,
  }));
}

export interface AttentionItem {
  id: string;
  entityId: string;
  appKey: string;
  status: ConnectionStatus;
  /** FAILED / EXPIRED as stored, or "refresh_failing" for an ACTIVE connection whose refresh keeps failing. */
  kind: "FAILED" | "EXPIRED" | "refresh_failing";
  reason: string | null;
  createdAt: Date;
  expiresAt: Date | null;
}

const attentionColumns = {
  id: connections.id,
  entityId: entities.externalId,
  appKey: connections.appKey,
  status: connections.status,
  reason: connections.statusReason,
  createdAt: connections.createdAt,
  expiresAt: connections.expiresAt,
};

/**
 * ACTIVE connections whose refresh keeps failing: transient failures in a row, counted on the
 * row and reset by a success or a reconnect, so the partial connections_refresh_failing_idx holds
 * only these. The newest failure's detail comes from the (connection_id, at) index.
 */
async function refreshFailing(
  deps: Db,
  input: { projectId: string; limit: number },
): Promise<AttentionItem[]> {
  const rows = await rowsOf<{
    id: string;
    entity_id: string;
    app_key: string;
    status: ConnectionStatus;
    detail: string | null;
    created_ms: number;
    expires_ms: number | null;
  }>(
    deps,
    sql`select c.id, en.external_id as entity_id, c.app_key, c.status, ev.detail,
        ${epochMs(sql`c.created_at`)} as created_ms, ${epochMs(sql`c.expires_at`)} as expires_ms
      from connections c
      join entities en on en.id = c.entity_id
      left join lateral (select e.detail from connection_events e
        where e.connection_id = c.id and e.type = 'refresh_failed'
        order by e.at desc, e.id desc limit 1) ev on true
      where c.project_id = ${input.projectId} and c.refresh_failures > 0 and c.status = 'ACTIVE'
      order by c.expires_at desc
      limit ${input.limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    entityId: r.entity_id,
    appKey: r.app_key,
    status: r.status,
    kind: "refresh_failing",
    reason: r.detail,
    createdAt: toDate(r.created_ms)!,
    expiresAt: toDate(r.expires_ms),
  }));
}

/**
 * Connections someone should look at: FAILED or EXPIRED ones (newest first, each on the
 * (project_id, status, created_at) index) and ACTIVE ones whose refresh keeps failing; the first
 * `limit`, refresh failures first (they still look healthy everywhere else).
 */
export async function connectionsNeedingAttention(
  deps: Db,
  input: { projectId: string; limit: number },
): Promise<AttentionItem[]> {
  const broken = (status: "FAILED" | "EXPIRED") =>
    deps.db
      .select(attentionColumns)
      .from(connections)
      .innerJoin(entities, eq(entities.id, connections.entityId))
      .where(and(eq(connections.projectId, input.projectId), eq(connections.status, status)))
      .orderBy(desc(connections.createdAt))
      .limit(input.limit);
  const [failing, failed, expired] = await Promise.all([
    refreshFailing(deps, input),
    broken("FAILED"),
    broken("EXPIRED"),
  ]);
  const rest = [
    ...failed.map((r) => ({ ...r, kind: "FAILED" as const })),
    ...expired.map((r) => ({ ...r, kind: "EXPIRED" as const })),
  ].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return [...failing, ...rest].slice(0, input.limit);
}

export interface FailureItem {
  id: string;
  at: Date;
  appKey: string;
  action: string;
  connectionId: string | null;
  entityId: string | null;
  httpStatus: number | null;
  error: string | null;
}

/**
 * The newest failed executions of the last `days` days, on the partial index of failures
 * (executions_failures_idx: (project_id, at) where status = 'error'): exact, and it reads only
 * failed rows however busy or quiet the project's log is.
 */
export async function recentFailures(
  deps: Db,
  input: { projectId: string; limit: number; days?: number; now?: Date },
): Promise<FailureItem[]> {
  await settleExecutionLog(deps.db);
  const now = input.now ?? new Date();
  const since = new Date(now.getTime() - (input.days ?? 7) * 86_400_000);
  return deps.db
    .select({
      id: executions.id,
      at: executions.at,
      appKey: executions.appKey,
      action: executions.action,
      connectionId: executions.connectionId,
      entityId: executions.entityId,
      httpStatus: executions.httpStatus,
      error: executions.error,
    })
    .from(executions)
    .where(
      and(
        eq(executions.projectId, input.projectId),
        eq(executions.status, "error"),
        gte(executions.at, since),
      ),
    )
    .orderBy(desc(executions.at))
    .limit(input.limit);
}

export interface ConnectionHealth {
  connectionId: string;
  lastSuccessAt: Date | null;
  recentErrors: Array<{
    id: string;
    at: Date;
    action: string;
    httpStatus: number | null;
    error: string | null;
  }>;
  lastEvent: { type: string; detail: string | null; at: Date } | null;
}

/** How many of a connection's newest executions `connectionHealth` looks through. */
export const HEALTH_SCAN = 5_000;

/**
 * For each connection: its last successful execution and last 3 failed ones (among its newest
 * HEALTH_SCAN executions of the last `days` days), and its newest event — what an entity's page
 * needs to say what is wrong. One statement; each lookup walks a (connection_id, at) index
 * backwards and stops early.
 */
export async function connectionHealth(
  deps: Db,
  input: { projectId: string; connectionIds: string[]; days?: number; now?: Date },
): Promise<Map<string, ConnectionHealth>> {
  await settleExecutionLog(deps.db);
  const out = new Map<string, ConnectionHealth>();
  const ids = [...new Set(input.connectionIds)];
  for (const id of ids)
    out.set(id, { connectionId: id, lastSuccessAt: null, recentErrors: [], lastEvent: null });
  if (ids.length === 0) return out;
  const now = input.now ?? new Date();
  const since = new Date(now.getTime() - (input.days ?? 30) * 86_400_000).toISOString();
  const idList = sql.join(
    ids.map((id) => sql`(${id})`),
    sql`, `,
  );
  const newest = (connection: SQL) => sql`(select x.id, x.at, x.action, x.http_status, x.error,
      x.status from executions x
    where x.connection_id = ${connection} and x.project_id = ${input.projectId}
      and x.at >= ${since}::timestamptz
    order by x.at desc limit ${HEALTH_SCAN})`;
  const rows = await rowsOf<{
    connection_id: string;
    kind: "success" | "error" | "event";
    id: string | null;
    at_ms: number;
    action: string | null;
    http_status: number | null;
    text: string | null;
  }>(
    deps,
    sql`select k.id as connection_id, r.*
      from (values ${idList}) as k(id)
      cross join lateral (
        (select 'success' as kind, s.id, ${epochMs(sql`s.at`)} as at_ms, s.action,
            s.http_status, null::text as text
          from ${newest(sql`k.id`)} s where s.status = 'success' order by s.at desc limit 1)
        union all
        (select 'error', f.id, ${epochMs(sql`f.at`)}, f.action, f.http_status, f.error
          from ${newest(sql`k.id`)} f where f.status = 'error' order by f.at desc limit 3)
        union all
        (select 'event', e.type, ${epochMs(sql`e.at`)}, null, null, e.detail
          from connection_events e
          where e.connection_id = k.id and e.project_id = ${input.projectId}
          order by e.at desc, e.id desc limit 1)
      ) r`,
  );
  for (const row of rows) {
    const h = out.get(row.connection_id);
    if (!h) continue;
    const at = toDate(row.at_ms)!;
    if (row.kind === "success") h.lastSuccessAt = at;
    else if (row.kind === "event") h.lastEvent = { type: row.id ?? "", detail: row.text, at };
    else
      h.recentErrors.push({
        id: row.id ?? "",
        at,
        action: row.action ?? "",
        httpStatus: row.http_status === null ? null : Number(row.http_status),
        error: row.text,
      });
  }
  for (const h of out.values()) h.recentErrors.sort((a, b) => b.at.getTime() - a.at.getTime());
  return out;
}
