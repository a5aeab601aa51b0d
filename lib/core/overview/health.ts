// An entity's connections' health: last success, recent errors and newest event per connection.
import { sql, type SQL } from "drizzle-orm";
import { settleExecutionLog } from "../executions";
import type { DbDeps } from "../deps";
import { rowsOf, epochMs, toDate } from "./sql";

export interface ConnectionHealth {
  connectionId: string;
  lastSuccessAt: Date | null;
  recentErrors: Array<{
    id: string;
    at: Date;
    action: string;
    httpStatus: number | null;
    error: string | null;
    /** provider_error, error, or refused (Keyport refused the call itself). */
    outcome: string;
  }>;
  lastEvent: { type: string; detail: string | null; at: Date } | null;
  /** Why the provider refused the credential (an API key's 401), while it does. */
  checkFailure: string | null;
  /** Set when the connection is a connect link nobody finished. */
  abandonedAt: Date | null;
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
  deps: DbDeps,
  input: { projectId: string; connectionIds: string[]; days?: number; now?: Date },
): Promise<Map<string, ConnectionHealth>> {
  await settleExecutionLog(deps.db);
  const out = new Map<string, ConnectionHealth>();
  const ids = [...new Set(input.connectionIds)];
  for (const id of ids)
    out.set(id, {
      connectionId: id,
      lastSuccessAt: null,
      recentErrors: [],
      lastEvent: null,
      checkFailure: null,
      abandonedAt: null,
    });
  if (ids.length === 0) return out;
  const now = input.now ?? new Date();
  const since = new Date(now.getTime() - (input.days ?? 30) * 86_400_000).toISOString();
  const idList = sql.join(
    ids.map((id) => sql`(${id})`),
    sql`, `,
  );
  const newest = (connection: SQL) => sql`(select x.id, x.at, x.action, x.http_status, x.error,
      x.status, x.outcome from executions x
    where x.connection_id = ${connection} and x.project_id = ${input.projectId}
      and x.at >= ${since}::timestamptz
    order by x.at desc limit ${HEALTH_SCAN})`;
  const rows = await rowsOf<{
    connection_id: string;
    kind: "success" | "error" | "event" | "flags";
    id: string | null;
    at_ms: number;
    action: string | null;
    http_status: number | null;
    text: string | null;
    outcome: string | null;
  }>(
    deps,
    sql`select k.id as connection_id, r.*
      from (values ${idList}) as k(id)
      cross join lateral (
        (select 'success' as kind, s.id, ${epochMs(sql`s.at`)} as at_ms, s.action,
            s.http_status, null::text as text, null::text as outcome
          from ${newest(sql`k.id`)} s where s.status = 'success' order by s.at desc limit 1)
        union all
        (select 'error', f.id, ${epochMs(sql`f.at`)}, f.action, f.http_status, f.error, f.outcome
          from ${newest(sql`k.id`)} f where f.status = 'error' order by f.at desc limit 3)
        union all
        (select 'event', e.type, ${epochMs(sql`e.at`)}, null, null, e.detail, null
          from connection_events e
          where e.connection_id = k.id and e.project_id = ${input.projectId}
          order by e.at desc, e.id desc limit 1)
        union all
        (select 'flags', null, ${epochMs(sql`c.abandoned_at`)}, null, null, c.check_failure, null
          from connections c where c.id = k.id and c.project_id = ${input.projectId})
      ) r`,
  );
  for (const row of rows) {
    const h = out.get(row.connection_id);
    if (!h) continue;
    if (row.kind === "flags") {
      h.checkFailure = row.text;
      h.abandonedAt = toDate(row.at_ms);
      continue;
    }
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
        outcome: row.outcome ?? "error",
      });
  }
  for (const h of out.values()) h.recentErrors.sort((a, b) => b.at.getTime() - a.at.getTime());
  return out;
}
