// One wrapper for API routes: authenticate the key, resolve the project, map errors to JSON.
import { authenticateApiKey } from "@/lib/core/api-keys";
import type { Actor, Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { randomToken } from "@/lib/crypto";
import { env } from "@/lib/env";
import { deps as getDeps } from "@/lib/server/runtime";
import { errorBody, toAppError, type ErrorShape } from "./api-errors";
import { checkJsonText, checkPathParams, checkQuery } from "./input-guard";
import { clientAddress } from "./client-address";
import { attachBytes, attachedBytes } from "./lean-body";

export interface ApiContext {
  deps: Deps;
  projectId: string;
  actor: Actor;
  requestId: string;
  req: Request;
}

type RouteCtx<P> = { params: Promise<P> };
type Handler<P> = (ctx: ApiContext, params: P) => unknown;

const QUERY_KEY_NAMES = [
  "api_key",
  "apikey",
  "apiKey",
  "x-api-key",
  "key",
  "token",
  "access_token",
];

/** Refuses a key or token in the query string (SECURITY.md 18), even next to a valid header. */
export function refuseKeyInQuery(req: Request): void {
  const url = new URL(req.url);
  if (QUERY_KEY_NAMES.some((n) => url.searchParams.has(n))) {
    throw new AppError(
      "unauthorized",
      "API keys are not accepted in the query string; send the x-api-key header",
    );
  }
}

/** The presented key from `x-api-key` or `Authorization: Bearer`; refuses keys in the query string. */
export function presentedKey(req: Request): string {
  refuseKeyInQuery(req);
  // An empty header counts as absent (some clients send `x-api-key:` next to a Bearer key).
  const header =
    req.headers.get("x-api-key")?.trim() ||
    req.headers.get("authorization")?.replace(/^Bearer\s+/i, "");
  if (!header)
    throw new AppError("unauthorized", "Missing API key: send it in the x-api-key header");
  return header.trim();
}

/** JSON response helper with no-store caching. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  // As bytes: a string body would be re-checked for lone surrogates (costly for 100 KB tool
  // lists), and JSON.stringify never leaves one.
  return jsonBytes(Buffer.from(JSON.stringify(body)), status, headers);
}

/** JSON already serialised to bytes, with no-store caching. */
export function jsonBytes(
  bytes: Uint8Array,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(bytes as Uint8Array<ArrayBuffer>, jsonInit(status, headers));
}

/** A JSON answer's status and headers (no-store caching). */
function jsonInit(status: number, headers: Record<string, string>): ResponseInit {
  return {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  };
}

/**
 * The JSON answer to `req`: for a request the front server made (its body attached as bytes),
 * a bodyless Response with the bytes attached, written out as they are; otherwise `json`.
 */
export function answer(
  req: Request,
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  if (!attachedBytes(req)) return json(body, status, headers);
  const bytes = Buffer.from(JSON.stringify(body));
  return attachBytes(new Response(null, jsonInit(status, headers)), bytes);
}

const COMMA = Buffer.from(",");

/**
 * A JSON object answer whose first member, `key`, is an array spliced from items already
 * serialised (e.g. `toolV3Bytes`); the other members follow as `JSON.stringify` writes them.
 */
export function jsonWithList(
  key: string,
  items: readonly Uint8Array[],
  rest: Record<string, unknown>,
  status = 200,
): Response {
  const parts: Uint8Array[] = [Buffer.from(`{${JSON.stringify(key)}:[`)];
  items.forEach((item, i) => {
    if (i) parts.push(COMMA);
    parts.push(item);
  });
  const tail = JSON.stringify(rest);
  parts.push(Buffer.from(tail === "{}" ? "]}" : `],${tail.slice(1)}`));
  return jsonBytes(Buffer.concat(parts), status);
}

/** Wrap a route handler: API-key auth, project from the key only, errors in the face's shape. */
export function withApiKey<P = Record<string, string>>(
  handler: Handler<P>,
  shape: ErrorShape = "v3",
) {
  return async (req: Request, routeCtx: RouteCtx<P>): Promise<Response> => {
    const requestId = `req_${randomToken(9)}`;
    try {
      const deps = await getDeps();
      const key = presentedKey(req);
      const auth = await authenticateApiKey(deps, key);
      if (!auth) throw new AppError("unauthorized", "Invalid or revoked API key");
      const actor: Actor = {
        type: "api_key",
        id: auth.keyId,
        label: `API key ${auth.name}`,
        ip: clientAddress(req.headers, env().trustedProxies),
      };
      const params = await routeCtx.params;
      checkPathParams(params);
      checkQuery(new URL(req.url).searchParams);
      const out = await handler({ deps, projectId: auth.projectId, actor, requestId, req }, params);
      // Every answer names its request, so support can find the call in Logs.
      if (!(out instanceof Response)) return answer(req, out, 200, { "x-request-id": requestId });
      out.headers.set("x-request-id", requestId);
      return out;
    } catch (err) {
      const e = toAppError(err, requestId);
      return answer(req, errorBody(e, requestId, shape), e.status, { "x-request-id": requestId });
    }
  };
}

/** A request's body stream, read whole: `tooLarge()` is thrown as soon as it passes `maxBytes`. */
async function readStream(req: Request, maxBytes: number, tooLarge: () => Error) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}

/** Parse a JSON body: 413 past `maxBytes` (checked before and while reading), a readable 400 when it is not JSON. */
export async function readJson(req: Request, maxBytes = 1_000_000): Promise<unknown> {
  const tooLarge = () =>
    new AppError("payload_too_large", `Request body is larger than ${maxBytes} bytes`);
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const attached = attachedBytes(req);
  if (attached && attached.byteLength > maxBytes) throw tooLarge();
  const bytes = attached ?? (await readStream(req, maxBytes, tooLarge));
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON");
  }
  checkJsonText(parsed);
  return parsed;
}
