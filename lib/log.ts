// Logging with redaction (SECURITY.md 16–17): secret-bearing keys and known secret values never print.

const SECRET_KEY =
  /(authorization|cookie|x-api-key|api[_-]?key|token|secret|password|verifier|code|state)/i;
const registered = new Set<string>();

/** Remember a secret value decrypted for a request so any log line containing it is redacted. */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 8) {
    if (registered.size > 10_000) registered.clear();
    registered.add(value);
  }
}

function scrubString(s: string): string {
  let out = s;
  for (const secret of registered)
    if (out.includes(secret)) out = out.split(secret).join("[redacted]");
  return out
    .replace(/kp_live_[A-Za-z0-9_-]+/g, "kp_live_[redacted]")
    .replace(/Bearer\s+[^\s"']+/gi, "Bearer [redacted]");
}

/** Deep-copy a value with secret keys and values redacted. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return "[…]";
  if (typeof value === "string") return scrubString(value);
  if (value instanceof Error)
    return {
      name: value.name,
      message: scrubString(value.message),
      stack: value.stack && scrubString(value.stack),
    };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1),
      ]),
    );
  }
  return value;
}

/** Log an error, redacted. */
export function logError(message: string, err: unknown, context?: Record<string, unknown>): void {
  console.error(
    JSON.stringify({ level: "error", message, error: redact(err), ...(redact(context) as object) }),
  );
}

/** Log an informational line, redacted. */
export function logInfo(message: string, context?: Record<string, unknown>): void {
  console.log(JSON.stringify({ level: "info", message, ...(redact(context) as object) }));
}
