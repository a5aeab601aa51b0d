// Raw-SQL helpers shared by the overview queries (the drivers disagree on result and timestamp shapes).
import { sql, type SQL } from "drizzle-orm";
import type { DbDeps } from "../deps";

/** Rows of a raw statement, whichever driver ran it (postgres.js: an array; PGlite: `.rows`). */
export async function rowsOf<T>(deps: DbDeps, query: SQL): Promise<T[]> {
  const result: unknown = await deps.db.execute(query);
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

/** A timestamp as epoch milliseconds in raw SQL (drivers disagree on timestamp strings). */
export const epochMs = (column: SQL) => sql`(extract(epoch from ${column}) * 1000)::float8`;
export const toDate = (ms: number | string | null) => (ms === null ? null : new Date(Number(ms)));
