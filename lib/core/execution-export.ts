// The execution log as CSV or NDJSON (issue 13 item 2): one line per execution, streamed page by
// page; what a row holds was redacted when it was written (lib/core/redact.ts).
import type { Execution } from "@/db/schema";
import type { Deps } from "./deps";
import { allExecutions, type ExecutionFilter } from "./executions";

export type ExportFormat = "csv" | "ndjson";

export const EXPORT_COLUMNS = [
  "id",
  "at",
  "request_id",
  "source",
  "status",
  "outcome",
  "error_code",
  "app",
  "action",
  "entity_id",
  "connection_id",
  "http_status",
  "duration_ms",
  "caller",
  "api_key_id",
  "operator_id",
  "session_id",
  "error",
] as const;

/** One execution as the export's record (snake_case, like the API). */
export function exportRecord(e: Execution): Record<(typeof EXPORT_COLUMNS)[number], unknown> & {
  arguments: unknown;
  response: unknown;
} {
  return {
    id: e.id,
    at: e.at.toISOString(),
    request_id: e.requestId,
    source: e.source,
    status: e.status,
    outcome: e.outcome,
    error_code: e.errorCode,
    app: e.appKey,
    action: e.action,
    entity_id: e.entityId,
    connection_id: e.connectionId,
    http_status: e.httpStatus,
    duration_ms: e.durationMs,
    caller: e.callerLabel,
    api_key_id: e.apiKeyId,
    operator_id: e.operatorId,
    session_id: e.sessionId,
    error: e.error,
    arguments: e.arguments,
    response: e.response,
  };
}

/** A CSV field (RFC 4180), with a leading = + - @ neutralised so a spreadsheet never runs it. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  let s = typeof v === "string" ? v : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The export as lines of text: CSV (header first; no payloads) or NDJSON (with the redacted arguments and response). */
export async function* exportLines(
  deps: Pick<Deps, "db">,
  filter: ExecutionFilter,
  format: ExportFormat,
): AsyncGenerator<string> {
  if (format === "csv") yield `${EXPORT_COLUMNS.join(",")}\r\n`;
  for await (const e of allExecutions(deps, filter)) {
    const r = exportRecord(e);
    yield format === "csv"
      ? `${EXPORT_COLUMNS.map((c) => csvField(r[c])).join(",")}\r\n`
      : `${JSON.stringify(r)}\n`;
  }
}
