// Connections per app and status for the overview: capped counts on the (project, app, status) index.
import { sql } from "drizzle-orm";
import { connectionStatuses, type ConnectionStatus } from "@/db/schema";
import type { DbDeps } from "../deps";
import { rowsOf } from "./sql";

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

/**
 * Connections per app and status. One capped count per (app, status) on the
 * (project_id, app_key, status, created_at) index instead of a count(*) of the whole table:
 * the apps come from the project's integrations (every connection belongs to one).
 */
export async function connectionCountsByStatusAndApp(
  deps: DbDeps,
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
