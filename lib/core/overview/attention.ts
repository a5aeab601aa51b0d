// What needs an operator's attention: failed, expired and refresh-failing connections; recent failed calls.
import { and, desc, eq, gte, sql } from "drizzle-orm";
import { connections, entities, executions, type ConnectionStatus } from "@/db/schema";
import { settleExecutionLog } from "../executions";
import type { DbDeps } from "../deps";
import { rowsOf, epochMs, toDate } from "./sql";

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
  deps: DbDeps,
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
  deps: DbDeps,
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
