// One error type for the domain; each face maps it to HTTP exactly once.

export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "unprocessable_entity"
  | "payload_too_large"
  | "rate_limited"
  | "upstream_error"
  | "service_unavailable"
  | "internal_error";

export const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable_entity: 422,
  payload_too_large: 413,
  rate_limited: 429,
  upstream_error: 502,
  service_unavailable: 503,
  internal_error: 500,
};

/** A failure whose message is safe to show to the caller. */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return statusOf[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new AppError("bad_request", message, details);
export const forbidden = (message = "Your role does not allow this") =>
  new AppError("forbidden", message);
