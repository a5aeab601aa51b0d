// The execution log: one row per action run or proxy call — no secrets, no payloads.
import { and, desc, eq, getTableColumns, gte, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { CasingCache } from "drizzle-orm/casing";
import { executions } from "@/db/schema";
import type { Db } from "@/db";
import { prepared } from "@/db/prepared";
import { logError } from "@/lib/log";
import type { Deps } from "./deps";
import { newId } from "./ids";

export interface ExecutionRecord {
  projectId: string;
  connectionId: string | null;
  userId: string | null;
  appKey: string;
  action: string;
  successful: boolean;
  httpStatus: number | null;
  durationMs: number;
  error: string | null;
}

type ExecutionRow = typeof executions.$inferInsert;

// [property, column name in the database] under the snake_case casing of db/index.ts.
const casing = new CasingCache("snake_case");
const COLUMNS = Object.entries(getTableColumns(executions)).map(
  ([key, column]) => [key as keyof ExecutionRow, casing.getColumnCasing(column)] as const,
);

/**
 * One prepared statement for a batch of any size: the rows travel as one JSON parameter, which
 * Postgres turns back into `executions` rows, so no SQL is built per batch.
 */
function insertBatchStatement(db: Db, name: string) {
  const list = sql.join(
    COLUMNS.map(([, name]) => sql.identifier(name)),
    sql`, `,
  );
  return db
    .insert(executions)
    .select(
      sql`select ${list} from json_populate_recordset(null::executions, ${sql.placeholder("rows")}::text::json)`,
    )
    .prepare(name);
}

/** The batch as that JSON parameter: column names as keys, dates as ISO strings. */
function batchJson(batch: ExecutionRow[]): string {
  return JSON.stringify(
    batch.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [key, name] of COLUMNS) out[name] = row[key];
      return out;
    }),
  );
}

/**
 * Write-behind for the execution log, one per database handle: a row is queued and the response
 * goes out without waiting for it. One insert runs at a time; rows that arrive meanwhile go in
 * the next insert together (group commit), so under load N executions cost one statement, not N.
 * Readers in this process call `settleExecutionLog` first and so always see their own writes.
 */
class ExecutionLogWriter {
  private queue: ExecutionRow[] = [];
  private running: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  add(row: ExecutionRow): void {
    this.queue.push(row);
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const insert = prepared(this.db, "insert_executions", insertBatchStatement);
        await insert.execute({ rows: batchJson(batch) });
      } catch (err) {
        // The log is a record, not the action: losing a batch must not fail or retry the calls.
        logError(`execution log: ${batch.length} row(s) could not be written`, err);
      }
    }
  }

  /** Resolves once every row queued so far is written (or failed). */
  async settle(): Promise<void> {
    while (this.running) await this.running;
  }
}

const MAX_BATCH = 500;
const writers = new WeakMap<Db, ExecutionLogWriter>();

function writerFor(db: Db): ExecutionLogWriter {
  let w = writers.get(db);
  if (!w) writers.set(db, (w = new ExecutionLogWriter(db)));
  return w;
}

/** Wait until this process's queued execution rows are in the database (read-your-writes). */
export function settleExecutionLog(db: Db): Promise<void> {
  return writers.get(db)?.settle() ?? Promise.resolve();
}

/** Record one execution (written behind the response); returns its id (log_…). */
export function recordExecution(deps: Pick<Deps, "db">, r: ExecutionRecord): string {
  const id = newId("log");
  writerFor(deps.db).add({
    id,
    projectId: r.projectId,
    connectionId: r.connectionId,
    entityId: r.userId,
    appKey: r.appKey,
    action: r.action,
    status: r.successful ? "success" : "error",
    httpStatus: r.httpStatus,
    durationMs: Math.max(0, Math.round(r.durationMs)),
    // Postgres text cannot hold NUL; an upstream body may.
    error: r.error?.replaceAll("\0", "").slice(0, 500) ?? null,
    // Milliseconds, like the keyset cursor of listExecutions (a Date has no microseconds).
    at: new Date(),
  });
  return id;
}

export interface ExecutionFilter {
  projectId: string;
  userId?: string;
  appKey?: string;
  action?: string;
  connectionId?: string;
  status?: "success" | "error";
  from?: Date;
  to?: Date;
}

function whereOf(f: ExecutionFilter): SQL {
  const c: SQL[] = [eq(executions.projectId, f.projectId)];
  if (f.userId) c.push(eq(executions.entityId, f.userId));
  if (f.appKey) c.push(eq(executions.appKey, f.appKey));
  if (f.action) c.push(eq(executions.action, f.action));
  if (f.connectionId) c.push(eq(executions.connectionId, f.connectionId));
  if (f.status) c.push(eq(executions.status, f.status));
  if (f.from) c.push(gte(executions.at, f.from));
  if (f.to) c.push(lte(executions.at, f.to));
  return and(...c)!;
}

/** Where the next page of executions starts: after (at, id) of the previous page's last row. */
export interface ExecutionCursor {
  at: Date;
  id: string;
}

/** The cursor as one URL-safe string, and back (null when it is not one of ours). */
export const encodeExecutionCursor = (c: ExecutionCursor) => `${c.at.getTime()}.${c.id}`;
export function decodeExecutionCursor(s: string): ExecutionCursor | null {
  const m = /^(\d{1,15})\.(log_[A-Za-z0-9_-]{1,60})$/.exec(s);
  return m ? { at: new Date(Number(m[1])), id: m[2]! } : null;
}

/** A page of executions, newest first (keyset on (at, id), so rows of the same millisecond are never skipped). */
export async function listExecutions(
  deps: Pick<Deps, "db">,
  f: ExecutionFilter & { after?: ExecutionCursor; limit: number },
) {
  await settleExecutionLog(deps.db);
  const where = f.after
    ? and(
        whereOf(f),
        or(
          lt(executions.at, f.after.at),
          and(eq(executions.at, f.after.at), lt(executions.id, f.after.id)),
        ),
      )!
    : whereOf(f);
  const rows = await deps.db
    .select()
    .from(executions)
    .where(where)
    .orderBy(desc(executions.at), desc(executions.id))
    .limit(f.limit + 1);
  const items = rows.slice(0, f.limit);
  const last = items.at(-1);
  return {
    items,
    next: rows.length > f.limit && last ? encodeExecutionCursor(last) : null,
  };
}

/** Count, error rate and p50/p95 duration over the filter. */
export async function executionStats(deps: Pick<Deps, "db">, f: ExecutionFilter) {
  await settleExecutionLog(deps.db);
  const [row] = await deps.db
    .select({
      total: sql<number>`count(*)`.mapWith(Number),
      errors: sql<number>`count(*) filter (where ${executions.status} = 'error')`.mapWith(Number),
      p50: sql<
        number | null
      >`percentile_cont(0.5) within group (order by ${executions.durationMs})`.mapWith((v) =>
        v === null ? null : Number(v),
      ),
      p95: sql<
        number | null
      >`percentile_cont(0.95) within group (order by ${executions.durationMs})`.mapWith((v) =>
        v === null ? null : Number(v),
      ),
    })
    .from(executions)
    .where(whereOf(f));
  return row ?? { total: 0, errors: 0, p50: null, p95: null };
}
