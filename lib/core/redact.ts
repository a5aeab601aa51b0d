// The one redaction rule for what the execution log keeps of arguments and responses (issue 13
// item 2): secrets by key name or by shape are replaced, long strings and big collections are cut,
// and the whole is bounded, so a log row stays small whatever a caller or provider sends.

/** Keys whose values are secret whatever they hold. */
const SECRET_KEY =
  /pass(word|wd|phrase)?$|secret|token|authorization|api[-_]?key|apikey|cookie|credential|private[-_]?key|signature|session[-_]?id|^auth$|^pin$|^otp$|^cvc$|^cvv$|card[-_]?number|^ssn$/i;

/** Values that look like credentials wherever they appear. */
const SECRET_VALUE = [
  /^(bearer|basic|token)\s+\S{8,}/i, // an Authorization header value
  /^eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./, // a JWT
  /^(gh[pousr]|github_pat|sk|pk|rk|xox[abpr]|sbx|glpat|AKIA)[-_][A-Za-z0-9_-]{8,}/, // vendor keys
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

export const REDACTED = "[redacted]";

export interface RedactLimits {
  /** Longer strings keep this many characters and say how long they were. */
  maxString: number;
  /** Items kept of an array; keys kept of an object. */
  maxItems: number;
  maxKeys: number;
  maxDepth: number;
  /** Values visited in all; past it the rest is left out. */
  maxNodes: number;
  /** Size of the result as JSON; past it the value is replaced by a note of its size. */
  maxBytes: number;
}

export const LOG_LIMITS: RedactLimits = {
  maxString: 200,
  maxItems: 20,
  maxKeys: 50,
  maxDepth: 6,
  maxNodes: 400,
  maxBytes: 8_000,
};

function walk(value: unknown, l: RedactLimits, depth: number, budget: { nodes: number }): unknown {
  if (--budget.nodes < 0) return "[…]";
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") {
    if (SECRET_VALUE.some((re) => re.test(value))) return REDACTED;
    const clean = value.replaceAll("\0", "");
    return clean.length > l.maxString
      ? `${clean.slice(0, l.maxString)}… (${clean.length} characters)`
      : clean;
  }
  // bigint, undefined, functions, symbols: JSON has no such values.
  if (typeof value !== "object") return typeof value === "bigint" ? value.toString() : null;
  if (depth >= l.maxDepth) return Array.isArray(value) ? "[array]" : "[object]";
  if (Array.isArray(value)) {
    const out = value.slice(0, l.maxItems).map((v) => walk(v, l, depth + 1, budget));
    if (value.length > l.maxItems) out.push(`… ${value.length - l.maxItems} more item(s)`);
    return out;
  }
  const out: Record<string, unknown> = {};
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [k, v] of entries.slice(0, l.maxKeys)) {
    const key = k.replaceAll("\0", "").slice(0, 100);
    out[key] =
      SECRET_KEY.test(key) && v !== null && v !== "" ? REDACTED : walk(v, l, depth + 1, budget);
  }
  if (entries.length > l.maxKeys) out["…"] = `${entries.length - l.maxKeys} more key(s)`;
  return out;
}

/**
 * What the log may keep of a value: secrets replaced by "[redacted]", long strings cut, big
 * arrays and objects shortened, the whole at most `maxBytes` of JSON. Undefined stays undefined.
 */
export function redactForLog(value: unknown, limits: RedactLimits = LOG_LIMITS): unknown {
  if (value === undefined) return undefined;
  const out = walk(value, limits, 0, { nodes: limits.maxNodes });
  const size = JSON.stringify(out).length;
  return size > limits.maxBytes ? `[${size} bytes of JSON left out]` : out;
}
