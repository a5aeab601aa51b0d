// The Python Composio SDK (composio-core / composio-openai 0.7.21) on the wire, replayed: the exact
// requests its source makes (python/composio/client/http.py, __init__.py, collections.py,
// tools/toolset.py): URL = COMPOSIO_BASE_URL + "/v1/…", its headers, `requests`' JSON encoding,
// and its one rule for answers: exactly HTTP 200, then the pydantic model (python-sdk-models.ts).
import { randomUUID } from "node:crypto";
import { expect } from "@playwright/test";
import type { z } from "zod";
import { BASE_URL } from "../e2e-env";

/** COMPOSIO_BASE_URL as the README sets it: Keyport's URL with /api. */
export const SDK_BASE_URL = `${BASE_URL}/api`;
const SDK_VERSION = "0.7.21";
/** What `requests` adds to every call (Connection and Accept-Encoding are left to fetch). */
const REQUESTS_DEFAULTS = { "user-agent": "python-requests/2.32.3", accept: "*/*" };

/** `json.dumps` with its defaults (", " and ": " separators, ensure_ascii), as `requests` sends `json=`. */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string")
    return JSON.stringify(value).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  if (typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(", ")}}`;
}

/** `Endpoint(queries=…)`: urllib's urlencode of the dict, in its order; no "?" when empty. */
const withQuery = (path: string, query?: Record<string, string>) =>
  query && Object.keys(query).length ? `${path}?${new URLSearchParams(query).toString()}` : path;

export interface Exchange {
  method: string;
  path: string;
  status: number;
}

/** One SDK client: `HttpClient` headers for its runtime (composio_openai's toolset: "openai"). */
export class PythonSdk {
  /** Every request made, in order, for asserting the sequence a step sent. */
  readonly exchanges: Exchange[] = [];

  constructor(
    private readonly apiKey: string,
    private readonly runtime = "openai",
  ) {}

  /** `Composio.validate_api_key`: a bare `requests.get` with only x-api-key and x-request-id. */
  async validateApiKey(): Promise<Response> {
    const path = "/v1/client/auth/client_info";
    const res = await fetch(`${SDK_BASE_URL}${path}`, {
      headers: { ...REQUESTS_DEFAULTS, "x-api-key": this.apiKey, "x-request-id": randomUUID() },
    });
    this.exchanges.push({ method: "GET", path, status: res.status });
    return res;
  }

  /** A request through `HttpClient` (no status check: for the error cases). */
  async send(
    method: "GET" | "POST",
    path: string,
    opts: { query?: Record<string, string>; body?: unknown; rawBody?: string } = {},
  ): Promise<Response> {
    const url = withQuery(path, opts.query);
    const hasBody = opts.body !== undefined || opts.rawBody !== undefined;
    const res = await fetch(`${SDK_BASE_URL}${url}`, {
      method,
      headers: {
        ...REQUESTS_DEFAULTS,
        "x-api-key": this.apiKey,
        "x-source": "python_sdk",
        "x-runtime": this.runtime,
        "x-composio-version": SDK_VERSION,
        "x-request-id": randomUUID(),
        ...(hasBody ? { "content-type": "application/json" } : {}),
      },
      ...(hasBody ? { body: opts.rawBody ?? pythonJson(opts.body) } : {}),
    });
    this.exchanges.push({ method, path: url, status: res.status });
    return res;
  }

  /** `Collection._raise_if_required` (exactly 200), then the model the SDK builds from the answer. */
  async call<T extends z.ZodType>(
    model: T,
    method: "GET" | "POST",
    path: string,
    opts: { query?: Record<string, string>; body?: unknown } = {},
  ): Promise<z.infer<T>> {
    const res = await this.send(method, path, opts);
    const text = await res.text();
    const label = `${method} ${withQuery(path, opts.query)}`;
    expect(res.status, `${label} → ${text.slice(0, 500)}`).toBe(200);
    const parsed = model.safeParse(JSON.parse(text));
    expect(
      parsed.success ? [] : parsed.error.issues.slice(0, 5),
      `${label}: the SDK's model rejects the answer`,
    ).toEqual([]);
    return parsed.data as z.infer<T>;
  }

  get<T extends z.ZodType>(model: T, path: string, query?: Record<string, string>) {
    return this.call(model, "GET", path, { query });
  }

  post<T extends z.ZodType>(model: T, path: string, body: unknown) {
    return this.call(model, "POST", path, { body });
  }

  /** The requests since `from`, as "METHOD path" lines. */
  since(from: number): string[] {
    return this.exchanges.slice(from).map((e) => `${e.method} ${e.path}`);
  }
}
