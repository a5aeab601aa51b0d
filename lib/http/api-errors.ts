// Errors → JSON responses for the v3.1 face ({error:{message, code, status, request_id}}), once.
import { ZodError } from "zod";
import { AppError } from "@/lib/core/errors";
import { logError } from "@/lib/log";

export type ErrorShape = "v3" | "legacy";

/** Readable one-line message for a zod failure, naming each bad field. */
export function zodMessage(err: ZodError): string {
  return err.issues
    .slice(0, 10)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

/**
 * Postgres errors caused by the values sent, not by us: NUL or invalid text (22021, 22P05), a value
 * of the wrong form or range for its column (22P02, 22003, 22007, 22008, 22001), one too large
 * for an index (54000). The request's input checks stop these first; this keeps any they miss a 400.
 */
const INPUT_SQLSTATES: Record<string, string> = {
  "22021": "contains a NUL byte or invalid text",
  "22P05": "contains a NUL byte or invalid text",
  "22P02": "has a value of the wrong form",
  "22003": "has a number out of range",
  "22007": "has an invalid date or time",
  "22008": "has a date or time out of range",
  "22001": "has a value that is too long",
  "54000": "has a value that is too large",
};

/** The SQLSTATE of a database error, looking through wrappers (drizzle's `cause`). */
function sqlState(err: unknown): string | undefined {
  for (let e = err, i = 0; e && typeof e === "object" && i < 5; e = (e as Error).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** Normalise anything thrown into an AppError (unknown errors are logged, redacted, and hidden). */
export function toAppError(err: unknown, requestId: string): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return new AppError("bad_request", zodMessage(err));
  // The client went away mid-request: nothing to report.
  if (err instanceof Error && (err.name === "AbortError" || err.message === "aborted")) {
    return new AppError("bad_request", "The request was aborted");
  }
  const input = INPUT_SQLSTATES[sqlState(err) ?? ""];
  if (input) return new AppError("bad_request", `The request ${input}`);
  logError("unhandled error", err, { requestId });
  return new AppError("internal_error", `Something went wrong on our side (request ${requestId})`);
}

/** The JSON body of an error for one face. */
export function errorBody(e: AppError, requestId: string, shape: ErrorShape): unknown {
  if (shape === "legacy") {
    const names: Record<string, string> = {
      not_found: "NotFoundError",
      unauthorized: "UnauthorizedError",
      bad_request: "BadRequestError",
    };
    return {
      message: e.message,
      name: names[e.code] ?? "ApiError",
      type: e.code,
      status: e.status,
      ...(e.details ? { details: e.details } : {}),
      requestId,
    };
  }
  return {
    error: {
      message: e.message,
      code: e.code,
      status: e.status,
      request_id: requestId,
      ...(e.details ? { details: e.details } : {}),
    },
  };
}
