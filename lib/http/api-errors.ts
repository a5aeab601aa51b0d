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

/** Normalise anything thrown into an AppError (unknown errors are logged, redacted, and hidden). */
export function toAppError(err: unknown, requestId: string): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return new AppError("bad_request", zodMessage(err));
  // The client went away mid-request: nothing to report.
  if (err instanceof Error && (err.name === "AbortError" || err.message === "aborted")) {
    return new AppError("bad_request", "The request was aborted");
  }
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
