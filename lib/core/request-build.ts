// Turning validated action arguments into an HTTP request, and an upstream response into `data`.
import type { ActionDef } from "@/lib/actions/types";
import type { EgressResponse } from "@/lib/egress";
import { AppError } from "./errors";

export interface BuiltRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

const scalar = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/**
 * One form field: objects in bracket notation (`metadata[order]=6735`, Stripe's deepObject); a
 * top-level list as repeated keys (Twilio's `StatusCallbackEvent`), or indexed (`expand[0]=…`)
 * when the action's description asks for deepObject; anything nested is indexed.
 */
function appendForm(form: URLSearchParams, key: string, v: unknown, brackets: boolean): void {
  if (v === undefined) return;
  if (Array.isArray(v)) {
    const flat = !brackets && v.every((item) => item === null || typeof item !== "object");
    v.forEach((item, i) => appendForm(form, flat ? key : `${key}[${i}]`, item, true));
  } else if (v !== null && typeof v === "object") {
    for (const [k, inner] of Object.entries(v)) appendForm(form, `${key}[${k}]`, inner, true);
  } else form.append(key, scalar(v));
}

// RFC 9110: a field name is a token; a value has no CR, LF or NUL (nor other controls but tab).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BAD_HEADER_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/**
 * A header the caller asked for, checked before it is sent: an invalid one is the caller's
 * mistake (400 naming it), not a provider that could not be reached.
 */
export function checkHeader(name: string, value: string): void {
  const shown = JSON.stringify(name.slice(0, 60));
  if (!HEADER_NAME.test(name))
    throw new AppError("bad_request", `header ${shown}: not a valid header name`);
  if (BAD_HEADER_VALUE.test(value))
    throw new AppError(
      "bad_request",
      `header ${shown}: the value must not contain CR, LF, NUL or other control characters`,
    );
}

/** Fill the path template, put query/header/body arguments where the action says. */
export function buildActionRequest(
  action: ActionDef,
  args: Record<string, unknown>,
  base: string,
): BuiltRequest {
  const multi = new Set(action.multiSegment ?? []);
  const path = action.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const v = args[name];
    if (v === undefined || v === null || v === "")
      throw new AppError("bad_request", `${name}: is required`);
    const text = scalar(v);
    // A file path or git ref keeps its slashes; every segment is still encoded, and none may climb.
    if (multi.has(name)) {
      const segments = text.split("/");
      if (segments.some((seg) => seg === "." || seg === ".."))
        throw new AppError("bad_request", `${name}: must not contain . or .. segments`);
      return segments.map(encodeURIComponent).join("/");
    }
    return encodeURIComponent(text);
  });
  const url = new URL(base.replace(/\/+$/, "") + path);
  const headers: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined) continue;
    switch (action.locations[name] ?? "body") {
      case "path":
        break;
      case "query":
        for (const v of Array.isArray(value) ? value : [value])
          url.searchParams.append(name, scalar(v));
        break;
      case "header":
        checkHeader(name, scalar(value));
        headers[name.toLowerCase()] = scalar(value);
        break;
      case "body":
        // A body field renamed to avoid a clash with a path parameter goes out under its real name.
        body[action.wireNames?.[name] ?? name] = value;
        break;
    }
  }
  if (action.graphql) {
    headers["content-type"] = "application/json";
    return {
      method: "POST",
      url,
      headers,
      body: JSON.stringify({ query: action.graphql.query, variables: body }),
    };
  }
  if (action.method === "GET" || action.method === "DELETE") {
    return {
      method: action.method,
      url,
      headers,
      body: Object.keys(body).length ? JSON.stringify(body) : undefined,
    };
  }
  // An operation without body fields gets no body at all (GitHub's PUT /user/starred wants Content-Length: 0).
  if (!Object.values(action.locations).includes("body") && Object.keys(body).length === 0) {
    return { method: action.method, url, headers };
  }
  const payload = action.bodyKey ? body[action.bodyKey] : body;
  if (action.contentType === "application/x-www-form-urlencoded") {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries((payload ?? {}) as Record<string, unknown>))
      appendForm(form, k, v, action.formBrackets === true);
    headers["content-type"] = "application/x-www-form-urlencoded";
    return { method: action.method, url, headers, body: form.toString() };
  }
  headers["content-type"] = "application/json";
  return { method: action.method, url, headers, body: JSON.stringify(payload ?? {}) };
}

/**
 * The upstream body as an object: JSON objects as they are, arrays under `items`, other values
 * under `value`, text under `text`. `outputSchema` (lib/actions/output.ts) describes this shape.
 */
export function toData(res: EgressResponse): Record<string, unknown> {
  if (res.body.length === 0) return {};
  const parsed = res.json();
  if (parsed === undefined) return { text: res.text().slice(0, 100_000) };
  if (Array.isArray(parsed)) return { items: parsed };
  if (parsed && typeof parsed === "object") return parsed as Record<string, unknown>;
  return { value: parsed };
}

/** A readable error line for an upstream 4xx/5xx (the provider's own message when it gives one). */
export function upstreamError(
  appName: string,
  status: number,
  data: Record<string, unknown>,
): string {
  const pick = (v: unknown) => (typeof v === "string" ? v : undefined);
  const nested =
    data.error && typeof data.error === "object"
      ? (data.error as Record<string, unknown>)
      : undefined;
  const message =
    pick(data.message) ?? pick(nested?.message) ?? pick(data.error_description) ?? pick(data.error);
  return `${appName} answered HTTP ${status}${message ? `: ${message.slice(0, 300)}` : ""}`;
}
