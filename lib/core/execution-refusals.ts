// Calls Keyport refuses itself (unknown action, invalid arguments, no or unusable connection…)
// go in the execution log like any other attempt, with the cause (issue 13 item 2).
import type { Deps } from "./deps";
import { AppError } from "./errors";
import { recordExecution, type CallOrigin, type ExecutionRecord } from "./executions";
import type { Actor } from "./deps";

/** Codes of a caller's mistake or a state Keyport refuses; anything else failed inside Keyport. */
const REFUSALS = new Set([
  "bad_request",
  "not_found",
  "forbidden",
  "conflict",
  "unprocessable_entity",
  "payload_too_large",
  "rate_limited",
]);

export interface RefusedAttempt extends CallOrigin {
  projectId: string;
  actor: Actor;
  err: unknown;
  action: string;
  appKey: string;
  connectionId: string | null;
  userId: string | null;
  durationMs: number;
  arguments?: unknown;
}

/** Why an attempt ended without the provider's answer: outcome, code and a message safe to show. */
export function refusalOf(err: unknown): Pick<ExecutionRecord, "outcome" | "errorCode" | "error"> {
  if (!(err instanceof AppError))
    return { outcome: "error", errorCode: "internal_error", error: "Keyport failed on its side" };
  const reason = err.details?.reason;
  return {
    outcome: REFUSALS.has(err.code) ? "refused" : "error",
    errorCode: typeof reason === "string" ? reason : err.code,
    error: err.message,
  };
}

/** Log a refused attempt. Nothing is logged when the log itself is what refused it. */
export function recordRefusal(deps: Pick<Deps, "db">, a: RefusedAttempt): void {
  if (a.err instanceof AppError && a.err.code === "service_unavailable") return;
  recordExecution(deps, {
    projectId: a.projectId,
    connectionId: a.connectionId,
    userId: a.userId,
    appKey: a.appKey,
    action: a.action,
    successful: false,
    httpStatus: null,
    durationMs: a.durationMs,
    requestId: a.requestId,
    source: a.source,
    sessionId: a.sessionId,
    actor: a.actor,
    arguments: a.arguments,
    ...refusalOf(a.err),
  });
}
