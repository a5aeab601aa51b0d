// The execution log: one row per action run or proxy call — no secrets, no payloads.
import { and, desc, eq, getTableColumns, gte, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { CasingCache } from "drizzle-orm/casing";
import { executions, type Execution, type ExecutionOutcome } from "@/db/schema";
import type { Db } from "@/db";
import { prepared } from "@/db/prepared";
import { logError } from "@/lib/log";
import type { Actor, Deps } from "./deps";
import { AppError, notFound } from "./errors";
import {
  DEFAULT_LIMITS,
  ExecutionLogWriter,
  type ExecutionLogLimits,
  type ExecutionRow,
} from "./execution-log-writer";
import { newId } from "./ids";
import { redactForLog } from "./redact";

export type ExecutionSource = "api" | "mcp" | "dashboard";

/** Who asked and through what, for the execution log (the faces fill it). */
export interface CallOrigin {
  /** The request id the caller got back (x-request-id / request_id). */
  requestId?: string;
  source?: ExecutionSource;
  /** The MCP session that made the call. */
  sessionId?: string;
}

export interface ExecutionRecord extends CallOrigin {
  projectId: string;
  connectionId: string | null;
  userId: string | null;
  appKey: string;
  action: string;
  successful: boolean;
  httpStatus: number | null;
  durationMs: number;
  error: string | null;
  /** Set for a call that did not reach the provider's answer (refused or failed in Keyport). */
  outcome?: ExecutionOutcome;
  errorCode?: string | null;
  actor?: Actor;
  /** Stored redacted (lib/core/redact.ts). */
  arguments?: unknown;
  response?: unknown;
}

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
    .onConflictDoNothing()
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

interface Registry {
  writers: WeakMap<Db, ExecutionLogWriter>;
  /** Writers with rows waiting, for the flush at shutdown. */
  withPending: Set<ExecutionLogWriter>;
}
// On globalThis: Next compiles several bundles, and the shutdown flush must see every writer.
const g = globalThis as unknown as { __keyportExecutionLog?: Registry };
const registry = (g.__keyportExecutionLog ??= { writers: new WeakMap(), withPending: new Set() });

function writerFor(db: Db): ExecutionLogWriter {
  let w = registry.writers.get(db);
  if (!w) {
    w = new ExecutionLogWriter(
      async (rows) => {
        const insert = prepared(db, "insert_executions", insertBatchStatement);
        await insert.execute({ rows: batchJson(rows) });
      },
      { ...DEFAULT_LIMITS },
      (writer, pending) => {
        if (pending) registry.withPending.add(writer);
        else registry.withPending.delete(writer);
      },
    );
    registry.writers.set(db, w);
  }
  return w;
}

/** Change the queue's capacity or retry delays for this database (tests use small ones). */
export function configureExecutionLog(db: Db, limits: Partial<ExecutionLogLimits>): void {
  const w = writerFor(db);
  w.limits = { ...w.limits, ...limits };
}

/** Rows of this database's log still waiting to be written. */
export function pendingExecutionRows(db: Db): number {
  return registry.writers.get(db)?.pendingRows ?? 0;
}

/**
 * Refuse (503) an action or proxy call before it reaches the provider when its record could not
 * be kept. One field read on the hot path.
 */
export function assertExecutionLogAvailable(db: Db): void {
  if (registry.writers.get(db)?.full)
    throw new AppError(
      "service_unavailable",
      "Execution log unavailable: the database is not taking execution records right now, and " +
        "Keyport does not call a provider without recording it. Nothing was sent; try again shortly.",
    );
}

/** Wait until this process's queued execution rows are in the database (read-your-writes). */
export function settleExecutionLog(db: Db): Promise<void> {
  return registry.writers.get(db)?.settle() ?? Promise.resolve();
}

/**
 * At shutdown: write every waiting row of every database, retrying for up to `graceMs`. Rows that
 * still cannot be written are logged whole (they hold no secrets), so they can be re-inserted.
 */
export async function flushExecutionLogs(graceMs: number): Promise<number> {
  const deadline = Date.now() + graceMs;
  let lost = 0;
  for (const w of [...registry.withPending]) {
    const left = await w.flush(deadline);
    lost += left.length;
    for (let i = 0; i < left.length; i += 500)
      logError(`execution log: row(s) not written before exit`, undefined, {
        rows: left.slice(i, i + 500),
      });
  }
  return lost;
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
    // json_populate_recordset fills absent keys with null, not the column default.
    outcome:
      r.outcome ?? (r.successful ? "success" : r.httpStatus === null ? "error" : "provider_error"),
    errorCode: r.errorCode ?? null,
    source: r.source ?? "api",
    requestId: r.requestId ?? null,
    apiKeyId: r.actor?.type === "api_key" ? (r.actor.id ?? null) : null,
    operatorId: r.actor?.type === "operator" ? (r.actor.id ?? null) : null,
    sessionId: r.sessionId ?? null,
    callerLabel: r.actor?.label.slice(0, 200) ?? null,
    arguments: redactForLog(r.arguments) ?? null,
    response: redactForLog(r.response) ?? null,
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
  outcome?: ExecutionOutcome;
  source?: string;
  requestId?: string;
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
  if (f.outcome) c.push(eq(executions.outcome, f.outcome));
  if (f.source) c.push(eq(executions.source, f.source));
  if (f.requestId) c.push(eq(executions.requestId, f.requestId));
  if (f.from) c.push(gte(executions.at, f.from));
  if (f.to) c.push(lte(executions.at, f.to));
  return and(...c)!;
}

/** One execution of the project (another project's id is a 404). */
export async function getExecution(
  deps: Pick<Deps, "db">,
  input: { projectId: string; id: string },
): Promise<Execution> {
  await settleExecutionLog(deps.db);
  const [row] = await deps.db
    .select()
    .from(executions)
    .where(and(eq(executions.projectId, input.projectId), eq(executions.id, input.id)));
  if (!row) throw notFound(`Execution ${input.id}`);
  return row;
}

/**
 * Every execution matching the filter, newest first, in pages of `pageSize` (keyset): an export
 * streams them without holding the whole log in memory.
 */
export async function* allExecutions(
  deps: Pick<Deps, "db">,
  f: ExecutionFilter,
  pageSize = 500,
): AsyncGenerator<Execution> {
  let after: ExecutionCursor | undefined;
  for (;;) {
    const page = await listExecutions(deps, { ...f, after, limit: pageSize });
    yield* page.items;
    const last = page.items.at(-1);
    if (!page.next || !last) return;
    after = { at: last.at, id: last.id };
  }
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
