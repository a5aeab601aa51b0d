// The execution log: one row per action run or proxy call — no secrets, no payloads.
import { and, desc, eq, gte, lt, lte, sql, type SQL } from "drizzle-orm";
import { executions } from "@/db/schema";
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

/** Record one execution; returns its id (log_…). */
export async function recordExecution(deps: Pick<Deps, "db">, r: ExecutionRecord): Promise<string> {
  const id = newId("log");
  await deps.db.insert(executions).values({
    id,
    projectId: r.projectId,
    connectionId: r.connectionId,
    entityId: r.userId,
    appKey: r.appKey,
    action: r.action,
    status: r.successful ? "success" : "error",
    httpStatus: r.httpStatus,
    durationMs: Math.max(0, Math.round(r.durationMs)),
    error: r.error?.slice(0, 500) ?? null,
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

/** A page of executions, newest first (keyset on time). */
export async function listExecutions(
  deps: Pick<Deps, "db">,
  f: ExecutionFilter & { before?: Date; limit: number },
) {
  const where = f.before ? and(whereOf(f), lt(executions.at, f.before))! : whereOf(f);
  const rows = await deps.db
    .select()
    .from(executions)
    .where(where)
    .orderBy(desc(executions.at))
    .limit(f.limit + 1);
  const items = rows.slice(0, f.limit);
  return { items, nextBefore: rows.length > f.limit ? (items.at(-1)?.at ?? null) : null };
}

/** Count, error rate and p50/p95 duration over the filter. */
export async function executionStats(deps: Pick<Deps, "db">, f: ExecutionFilter) {
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
