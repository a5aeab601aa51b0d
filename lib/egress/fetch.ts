import { request, type Dispatcher } from "undici";
import { egressAgent } from "./dispatcher";
import { EgressError, findEgressError } from "./errors";
import {
  checkUrl,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type EgressPolicy,
} from "./policy";
import { flattenHeaders, makeResponse, readCapped, type EgressResponse } from "./response";

// Options for one egress call; `signal` lets a caller cancel early.
export interface EgressRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  /** "follow" (default) follows through the guard; "manual" returns the 3xx; "error" refuses it. */
  redirect?: "follow" | "manual" | "error";
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]);
// Connection-level headers the client manages itself (undici rejects several of them).
const HOP_BY_HOP = new Set([
  "host",
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "content-length",
  "upgrade",
  "te",
  "trailer",
  "expect",
]);
// The only request headers that survive a cross-origin redirect.
const CROSS_ORIGIN_SAFE = new Set(["accept", "accept-language", "user-agent", "content-type"]);
const BODY_HEADERS = ["content-type", "content-encoding", "content-language", "content-location"];
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const TIMEOUT_CODES = new Set([
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function toUrl(input: string | URL, base?: URL): URL {
  try {
    return new URL(input, base);
  } catch {
    throw new EgressError("bad_path", "invalid URL");
  }
}

function cleanHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const key = name.toLowerCase();
    if (!HOP_BY_HOP.has(key)) out[key] = value;
  }
  return out;
}

function mapError(err: unknown, host: string, timedOut: boolean, caller?: AbortSignal): unknown {
  const known = findEgressError(err);
  if (known) return known;
  if (caller?.aborted) return caller.reason as unknown;
  const code = (err as { code?: unknown } | null)?.code;
  if (timedOut || (typeof code === "string" && TIMEOUT_CODES.has(code))) {
    return new EgressError("timeout", `request to ${host} timed out`, { cause: err });
  }
  const detail = typeof code === "string" ? ` (${code})` : "";
  return new EgressError("network", `network error reaching ${host}${detail}`, { cause: err });
}

// Calls a provider through the egress guard: checked URL and DNS, manual redirects, time and size caps.
export async function egressFetch(
  url: string | URL,
  init: EgressRequestInit,
  policy: EgressPolicy,
): Promise<EgressResponse> {
  const timeoutMs = policy.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = policy.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxRedirects = policy.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let current = toUrl(url);
  let method = (init.method ?? "GET").toUpperCase();
  if (!METHODS.has(method)) throw new TypeError(`unsupported method ${method}`);
  let headers = cleanHeaders(init.headers);
  let body = init.body;

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = () => controller.abort();
  init.signal?.addEventListener("abort", onCallerAbort, { once: true });
  if (init.signal?.aborted) controller.abort();

  try {
    for (let hop = 0; ; hop++) {
      const { mode } = checkUrl(current, policy);
      const host = current.host;
      let res: Dispatcher.ResponseData;
      try {
        res = await request(current, {
          method: method as Dispatcher.HttpMethod,
          headers,
          body: body ?? null,
          dispatcher: egressAgent(mode),
          signal: controller.signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
      } catch (err) {
        throw mapError(err, host, timedOut, init.signal);
      }
      const resHeaders = flattenHeaders(res.headers);
      const location = resHeaders.location;
      if (REDIRECTS.has(res.statusCode) && location !== undefined && init.redirect !== "manual") {
        await res.body.dump().catch(() => undefined);
        const limit = init.redirect === "error" ? 0 : maxRedirects;
        if (hop >= limit) {
          throw new EgressError("too_many_redirects", `more than ${limit} redirects at ${host}`);
        }
        const next = toUrl(location, current);
        const status = res.statusCode;
        if (
          (status === 303 && method !== "HEAD") ||
          ((status === 301 || status === 302) && method === "POST")
        ) {
          method = "GET";
          body = undefined;
          for (const name of BODY_HEADERS) delete headers[name];
        }
        if (next.origin !== current.origin) {
          if (body !== undefined) {
            const msg = `redirect from ${host} would resend the request body to ${next.host}`;
            throw new EgressError("blocked_host", msg);
          }
          headers = Object.fromEntries(
            Object.entries(headers).filter(([k]) => CROSS_ORIGIN_SAFE.has(k)),
          );
        }
        next.hash = "";
        current = next;
        continue;
      }
      try {
        const buf = await readCapped(res.body, resHeaders, maxBytes, host);
        return makeResponse(res.statusCode, resHeaders, buf, current.href);
      } catch (err) {
        throw mapError(err, host, timedOut, init.signal);
      }
    }
  } finally {
    clearTimeout(timer);
    init.signal?.removeEventListener("abort", onCallerAbort);
  }
}
