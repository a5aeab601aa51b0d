// Every row of every table, as Postgres renders it (so nothing is hidden by the driver): tests
// compare two snapshots to prove a call changed nothing anywhere.
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db";
import { settleExecutionLog } from "@/lib/core/executions";

export async function dbSnapshot(db: DbHandle["db"]): Promise<Record<string, string[]>> {
  await settleExecutionLog(db); // the execution log is written behind the response
  const tables = rowsOf(
    await db.execute(
      sql.raw(
        `select table_schema as s, table_name as t from information_schema.tables
         where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
         order by 1, 2`,
      ),
    ),
  ) as Array<{ s: string; t: string }>;
  const out: Record<string, string[]> = {};
  for (const { s, t } of tables) {
    const rows = rowsOf(
      await db.execute(sql.raw(`select row_to_json(x)::text as j from "${s}"."${t}" x order by 1`)),
    ) as Array<{ j: string }>;
    out[`${s}.${t}`] = rows.map((r) => r.j);
  }
  return out;
}

function rowsOf(result: unknown): unknown[] {
  if (Array.isArray(result)) return result;
  return (result as { rows: unknown[] }).rows;
}
