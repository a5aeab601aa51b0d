// The execution log's filters, read from and written to the URL; times are UTC.
import { z } from "zod";
import {
  decodeExecutionCursor,
  type ExecutionCursor,
  type ExecutionFilter,
} from "@/lib/core/executions";

export const PRESETS = {
  "1h": { label: "Last hour", ms: 3_600_000 },
  "24h": { label: "Last 24 hours", ms: 86_400_000 },
  "7d": { label: "Last 7 days", ms: 7 * 86_400_000 },
} as const;
export type Preset = keyof typeof PRESETS;

const one = (v: unknown) => (Array.isArray(v) ? (v[0] as unknown) : v);
const text = (max: number) =>
  z.preprocess(one, z.string().trim().max(max).optional().catch(undefined));
const paramsSchema = z.object({
  user: text(200),
  app: text(100),
  action: text(200),
  status: z.preprocess(one, z.enum(["success", "error"]).optional().catch(undefined)),
  request: text(100),
  source: z.preprocess(one, z.enum(["api", "mcp", "dashboard"]).optional().catch(undefined)),
  from: text(40),
  to: text(40),
  after: text(100),
  preset: z.preprocess(one, z.enum(["1h", "24h", "7d"]).optional().catch(undefined)),
});

/** What the filter form shows and every link on the page keeps: the raw URL values. */
export interface LogQuery {
  user?: string;
  app?: string;
  action?: string;
  status?: "success" | "error";
  /** A request id (req_…) as the caller got it back. */
  request?: string;
  source?: "api" | "mcp" | "dashboard";
  from?: string;
  to?: string;
}

// A datetime-local value (minutes, optional seconds), read as UTC; or a full ISO time with a zone.
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A time from the URL, or null when it is not one. `end`: a value without seconds means the
 * whole minute, so "to 10:00" includes what happened at 10:00:30.
 */
export function parseTime(value: string, edge: "start" | "end"): Date | null {
  let ms: number;
  if (LOCAL.test(value)) {
    ms = Date.parse(`${value}Z`);
    if (edge === "end" && value.length === 16) ms += 59_999;
  } else if (ZONED.test(value)) ms = Date.parse(value);
  else return null;
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** A time as a datetime-local value in UTC (seconds only when there are some). */
export function toInputValue(date: Date): string {
  const iso = date.toISOString();
  return iso.slice(17, 23) === "00.000" ? iso.slice(0, 16) : iso.slice(0, 19);
}

export interface ParsedLogParams {
  query: LogQuery;
  /** From/to as the datetime-local inputs can show them ("" when not a time). */
  inputs: { from: string; to: string };
  filter: Omit<ExecutionFilter, "projectId">;
  /** Older page: the position after which it starts. */
  after?: ExecutionCursor;
  /** A preset button was pressed: where to send the browser instead (from = now − preset). */
  redirectTo?: string;
  errors: string[];
}

/** Read the page's search params; a value that is not understood is ignored and named. */
export function parseLogParams(
  raw: Record<string, string | string[] | undefined>,
  now: Date,
  href: (q: LogQuery) => string,
): ParsedLogParams {
  const p = paramsSchema.parse(raw);
  const query: LogQuery = {
    user: p.user || undefined,
    app: p.app?.toLowerCase() || undefined,
    action: p.action?.toUpperCase() || undefined,
    status: p.status,
    request: p.request || undefined,
    source: p.source,
    from: p.from || undefined,
    to: p.to || undefined,
  };
  if (p.preset) {
    const from = toInputValue(new Date(now.getTime() - PRESETS[p.preset].ms));
    const redirectTo = href({ ...query, from, to: undefined });
    return { query, inputs: { from, to: "" }, filter: {}, errors: [], redirectTo };
  }
  const errors: string[] = [];
  const from = query.from ? parseTime(query.from, "start") : undefined;
  const to = query.to ? parseTime(query.to, "end") : undefined;
  if (from === null) errors.push(`From "${query.from}" is not a date and time; it is ignored.`);
  if (to === null) errors.push(`To "${query.to}" is not a date and time; it is ignored.`);
  const after = p.after ? decodeExecutionCursor(p.after) : undefined;
  if (after === null)
    errors.push("The page position in the address is not understood; showing the newest.");
  const input = (raw: string | undefined, at: Date | null | undefined) =>
    raw && LOCAL.test(raw) ? raw : at && raw ? toInputValue(new Date(Date.parse(raw))) : "";
  return {
    query,
    inputs: { from: input(query.from, from), to: input(query.to, to) },
    filter: {
      userId: query.user,
      appKey: query.app,
      action: query.action,
      status: query.status,
      requestId: query.request,
      source: query.source,
      from: from ?? undefined,
      to: to ?? undefined,
    },
    after: after ?? undefined,
    errors,
  };
}

/** Whether any filter is set (the empty state then says so). */
export const isFiltered = (q: LogQuery) => Object.values(q).some(Boolean);
