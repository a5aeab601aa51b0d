// What needs an operator's attention: failed, expired and refresh-failing connections; recent failed calls.
import { and, desc, eq, gte, isNotNull, isNull, sql } from "drizzle-orm";
import { connections, entities, executions, type ConnectionStatus } from "@/db/schema";
import { settleExecutionLog } from "../executions";
import type { DbDeps } from "../deps";
import { rowsOf, epochMs, toDate } from "./sql";
import { REPEATED_FAILURES } from "./verdict";

export interface AttentionItem {
  id: string;
  entityId: string;
  appKey: string;
  status: ConnectionStatus;
  /**
   * FAILED / EXPIRED as stored; for an ACTIVE connection "refresh_failing" (its refresh keeps
   * failing), "check_failing" (the provider refuses its credential) or "calls_failing" (its calls
   * keep failing); "abandoned" for a connect link nobody finished (only when asked for).
   */
  kind: "FAILED" | "EXPIRED" | "refresh_failing" | "check_failing" | "calls_failing" | "abandoned";
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

/** A raw attention row (both raw queries select these columns, the reason as `reason`). */
interface RawRow {
  id: string;
  entity_id: string;
  app_key: string;
  status: ConnectionStatus;
  reason: string | null;
  created_ms: number;
  expires_ms: number | null;
}

const fromRaw = (kind: AttentionItem["kind"]) => (r: RawRow) => ({
  id: r.id,
  entityId: r.entity_id,
  appKey: r.app_key,
  status: r.status,
  kind,
  reason: r.reason,
  createdAt: toDate(r.created_ms)!,
  expiresAt: toDate(r.expires_ms),
});

/**
 * ACTIVE connections whose refresh keeps failing: transient failures in a row, counted on the
 * row and reset by a success or a reconnect, so the partial connections_refresh_failing_idx holds
 * only these. The newest failure's detail comes from the (connection_id, at) index.
 */
async function refreshFailing(
  deps: DbDeps,
  input: { projectId: string; limit: number },
): Promise<AttentionItem[]> {
  const rows = await rowsOf<RawRow>(
    deps,
    sql`select c.id, en.external_id as entity_id, c.app_key, c.status, ev.detail as reason,
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
  return rows.map(fromRaw("refresh_failing"));
}

/** ACTIVE connections the provider refuses the credential of (connections_check_failed_idx). */
async function checkFailing(
  deps: DbDeps,
  input: { projectId: string; limit: number },
): Promise<AttentionItem[]> {
  const rows = await deps.db
    .select({ ...attentionColumns, reason: connections.checkFailure })
    .from(connections)
    .innerJoin(entities, eq(entities.id, connections.entityId))
    .where(
      and(
        eq(connections.projectId, input.projectId),
        isNotNull(connections.checkFailedAt),
        eq(connections.status, "ACTIVE"),
      ),
    )
    .orderBy(desc(connections.checkFailedAt))
    .limit(input.limit);
  return rows.map((r) => ({ ...r, kind: "check_failing" as const }));
}

/**
 * ACTIVE connections whose last REPEATED_FAILURES or more calls of the last 24 hours failed (no
 * success since), refusals by Keyport not counted. Reads only failed rows of the window, on
 * executions_failures_idx, then each candidate's last success on the (connection_id, at) index.
 */
async function callsFailing(
  deps: DbDeps,
  input: { projectId: string; limit: number; now?: Date },
): Promise<AttentionItem[]> {
  const since = new Date((input.now ?? new Date()).getTime() - 86_400_000).toISOString();
  const rows = await rowsOf<RawRow>(
    deps,
    sql`select c.id, en.external_id as entity_id, c.app_key, c.status, last.error as reason,
        ${epochMs(sql`c.created_at`)} as created_ms, ${epochMs(sql`c.expires_at`)} as expires_ms
      from (select x.connection_id from executions x
          where x.project_id = ${input.projectId} and x.status = 'error'
            and x.at >= ${since}::timestamptz and x.connection_id is not null
            and x.outcome <> 'refused'
          group by x.connection_id having count(*) >= ${REPEATED_FAILURES}) f
      join connections c on c.id = f.connection_id and c.status = 'ACTIVE' and c.enabled
      join entities en on en.id = c.entity_id
      left join lateral (select s.at from executions s
        where s.connection_id = c.id and s.status = 'success' and s.at >= ${since}::timestamptz
        order by s.at desc limit 1) ok on true
      cross join lateral (select e.error, e.at from executions e
        where e.connection_id = c.id and e.status = 'error' and e.outcome <> 'refused'
        order by e.at desc limit 1) last
      where (select count(*) from executions e2
          where e2.connection_id = c.id and e2.status = 'error' and e2.outcome <> 'refused'
            and e2.at >= coalesce(ok.at, ${since}::timestamptz)) >= ${REPEATED_FAILURES}
      order by last.at desc
      limit ${input.limit}`,
  );
  return rows.map(fromRaw("calls_failing"));
}

/**
 * Connections someone should look at: FAILED or EXPIRED ones (newest first, each on the
 * (project_id, status, created_at) index) and ACTIVE ones whose refresh keeps failing, whose
 * credential the provider refuses, or whose calls keep failing; the first `limit`, the ACTIVE
 * ones first (they still look healthy everywhere else). Connect links nobody finished are
 * left out unless `includeAbandoned`: they are not failures of anything that worked.
 */
export async function connectionsNeedingAttention(
  deps: DbDeps,
  input: { projectId: string; limit: number; includeAbandoned?: boolean; now?: Date },
): Promise<AttentionItem[]> {
  const broken = (status: "FAILED" | "EXPIRED") =>
    deps.db
      .select({ ...attentionColumns, abandonedAt: connections.abandonedAt })
      .from(connections)
      .innerJoin(entities, eq(entities.id, connections.entityId))
      .where(
        and(
          eq(connections.projectId, input.projectId),
          eq(connections.status, status),
          input.includeAbandoned ? undefined : isNull(connections.abandonedAt),
        ),
      )
      .orderBy(desc(connections.createdAt))
      .limit(input.limit);
  await settleExecutionLog(deps.db);
  const [failing, refused, calls, failed, expired] = await Promise.all([
    refreshFailing(deps, input),
    checkFailing(deps, input),
    callsFailing(deps, input),
    broken("FAILED"),
    broken("EXPIRED"),
  ]);
  const rest = [
    ...failed.map(({ abandonedAt: _, ...r }) => ({ ...r, kind: "FAILED" as const })),
    ...expired.map(({ abandonedAt, ...r }) => ({
      ...r,
      kind: abandonedAt ? ("abandoned" as const) : ("EXPIRED" as const),
    })),
  ].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const active = [...failing, ...refused, ...calls].filter(
    (item, i, all) => all.findIndex((o) => o.id === item.id) === i,
  );
  return [...active, ...rest].slice(0, input.limit);
}

/**
 * How many connect links nobody finished the project keeps (EXPIRED with `abandoned_at`), capped
 * at `cap` so a page load stays cheap: what "Needs attention" leaves out by default.
 */
export async function countAbandonedLinks(
  deps: DbDeps,
  input: { projectId: string; cap?: number },
): Promise<number> {
  const cap = input.cap ?? 1000;
  const rows = await deps.db
    .select({ id: connections.id })
    .from(connections)
    .where(
      and(
        eq(connections.projectId, input.projectId),
        eq(connections.status, "EXPIRED"),
        isNotNull(connections.abandonedAt),
      ),
    )
    .limit(cap);
  return rows.length;
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
  deps: DbDeps,
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
