// Text that cannot reach a query: Postgres refuses NUL in text and jsonb (a 500 if it gets that
// far), and ids, filters and names have no use for control characters. Checked once, where path
// parameters, query strings and JSON bodies enter the API, with a 400 naming the field.
import { AppError } from "@/lib/core/errors";

const CONTROL = /[\u0000-\u001f\u007f]/;
const NUL = /\u0000/;
/** Deeper JSON than this is refused (and a walk of it could exhaust the stack further on). */
const MAX_DEPTH = 64;

/** A field name safe to put in a message: no control characters, not too long. */
export function printable(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, "?");
  return clean.length > 60 ? `${clean.slice(0, 60)}…` : clean;
}

const refuse = (field: string, what: string) =>
  new AppError("bad_request", `${printable(field)}: must not contain ${what}`);

/** Path parameters (`[id]`, and catch-all segments) must be free of control characters. */
export function checkPathParams(params: unknown): void {
  if (!params || typeof params !== "object") return;
  for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === "string" && CONTROL.test(v)))
      throw refuse(name, "control characters");
  }
}

/** Query parameters: names and values free of control characters. */
export function checkQuery(query: URLSearchParams): void {
  for (const [name, value] of query) {
    if (CONTROL.test(name)) throw refuse(`query parameter ${name}`, "control characters");
    if (CONTROL.test(value)) throw refuse(name, "control characters");
  }
}

/** A parsed JSON body: no NUL in any string or key (other control characters are data: newlines, tabs). */
export function checkJsonText(body: unknown): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value: body, path: "body", depth: 0 },
  ];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === "string") {
      if (NUL.test(value)) throw refuse(path, "NUL characters");
      continue;
    }
    if (!value || typeof value !== "object") continue;
    if (depth >= MAX_DEPTH)
      throw new AppError("bad_request", `body: nested deeper than ${MAX_DEPTH} levels`);
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const [key, v] of Object.entries(value)) {
      if (NUL.test(key)) throw refuse(`${path} key ${key}`, "NUL characters");
      stack.push({ value: v, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
}
