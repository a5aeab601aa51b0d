export type EgressErrorCode =
  | "blocked_address"
  | "blocked_scheme"
  | "blocked_port"
  | "blocked_host"
  | "bad_path"
  | "userinfo"
  | "too_many_redirects"
  | "timeout"
  | "too_large"
  | "network";

// Raised for every refused or failed outbound call; messages name the host, never headers, query or body.
export class EgressError extends Error {
  readonly code: EgressErrorCode;

  constructor(code: EgressErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EgressError";
    this.code = code;
  }
}

// Finds an EgressError in an error or its `cause` chain (undici may wrap errors raised in lookup).
export function findEgressError(err: unknown): EgressError | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof EgressError) return current;
    current = current.cause;
  }
  return undefined;
}
