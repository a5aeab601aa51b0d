// The lean path's dispatcher (issue 16): a front route (server/front.ts) that answers the hot
// machine-facing API routes by calling their Next route handlers directly, without Next's router.
// The handlers come from the table Next's bundle publishes (lib/server/lean-routes.ts); what
// this file adds is only the node ⇄ web conversion, done without web streams where it can be:
// the body is read into one buffer and attached to a bodyless Request, and an API answer's bytes
// (attached the same way) are written with a content-length (lib/http/lean-body.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { attachBytes, attachedBytes } from "../lib/http/lean-body";
import type { LeanHandler, LeanRoute } from "../lib/server/lean-routes";
import type { FrontRoute } from "./front";

/**
 * Bodies are buffered up to this many bytes; past it the rest is discarded and the handler sees
 * a body that is too long, which its reader (readJson: 1,000,000 bytes) refuses with a 413.
 */
export const LEAN_BODY_LIMIT = 1024 * 1024 + 1;

// next.config.js's headers() gives every path this one; Next's router is not there to add it.
const CONFIG_HEADERS: Record<string, string> = { "x-frame-options": "DENY" };

interface Compiled {
  segments: string[];
  handlers: Partial<Record<string, unknown>>;
}

/** The path template split into segments; `{name}` segments are parameters. */
function compile(route: LeanRoute): Compiled {
  return { segments: route.path.split("/").slice(1), handlers: route.handlers };
}

/**
 * The handler and decoded parameters for a path, or undefined (left to Next). Only a plain path
 * matches: no empty, `.` or `..` segment (Next normalises those first) and no trailing slash
 * (Next redirects it).
 */
export function matchLean(
  table: readonly Compiled[],
  method: string,
  path: string,
): { handler: LeanHandler; params: Record<string, string> } | undefined {
  const parts = path.split("/").slice(1);
  for (const route of table) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const want = route.segments[i]!;
      const got = parts[i]!;
      if (want.startsWith("{")) {
        const value = decodeURIComponent(got);
        ok = got !== "" && value !== "." && value !== "..";
        params[want.slice(1, -1)] = value;
      } else ok = want === got;
    }
    if (!ok) continue;
    // First matching template decides, as Next's router would; a method it lacks goes to Next.
    const handler = route.handlers[method];
    return typeof handler === "function" ? { handler: handler as LeanHandler, params } : undefined;
  }
  return undefined;
}

/** The request body, at most LEAN_BODY_LIMIT bytes of it (none when the declared length is larger). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > LEAN_BODY_LIMIT) {
    req.resume();
    return Promise.resolve(Buffer.alloc(0));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      chunks.push(chunk);
      size += chunk.length;
      if (size >= LEAN_BODY_LIMIT) {
        const all = Buffer.concat(chunks);
        chunks.length = 0;
        chunks.push(all.subarray(0, LEAN_BODY_LIMIT));
        finish(); // the rest keeps flowing and is dropped
      }
    });
    req.on("end", finish);
    req.on("error", (err) => {
      if (!done) {
        done = true;
        reject(err);
      }
    });
  });
}

const NO_BODY = Buffer.alloc(0);

/**
 * The node request as the web Request a route handler takes (headers as the front guard left
 * them). It has no body stream: the body's bytes are attached (lib/http/lean-body.ts), which is
 * also what marks the request as the front server's.
 */
async function toRequest(req: IncomingMessage, method: string): Promise<Request> {
  // As name/value pairs, which the Request fills its own Headers from (building a Headers here
  // first would fill two); a repeated header stays repeated.
  const headers: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.push([name, v]);
    else headers.push([name, value]);
  }
  const url = `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
  const bodyless = method === "GET" || method === "HEAD";
  const body = bodyless ? NO_BODY : await readBody(req);
  return attachBytes(new Request(url, { method, headers }), body);
}

/** Write a web Response to the node response: one buffer with a length, or streamed when it is long-lived. */
async function sendResponse(res: ServerResponse, response: Response, head: boolean): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(CONFIG_HEADERS)) res.setHeader(name, value);
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  const bytes = attachedBytes(response);
  if (bytes) {
    // An API answer to this path's request (lib/http/with-api-key.ts `answer`): its bytes as they are.
    res.setHeader("content-length", String(bytes.byteLength));
    res.end(head ? undefined : bytes);
    return;
  }
  if (!response.body || head) {
    await response.body?.cancel();
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const first = await reader.read();
  if (first.done) {
    res.setHeader("content-length", "0");
    res.end();
    return;
  }
  const second = await reader.read();
  if (second.done) {
    // The usual case: a JSON answer in one piece, never compressed (issue 16: on the path from a
    // backend beside Keyport, gzip costs more time than it saves; a proxy in front may add it).
    res.setHeader("content-length", String(first.value.byteLength));
    res.end(first.value);
    return;
  }
  // A stream (event streams, large answers): passed on as it comes, until the client leaves.
  res.on("close", () => void reader.cancel().catch(() => undefined));
  res.write(first.value);
  res.write(second.value);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

/** The front route serving the published lean table; false (to Next) while there is none. */
export function leanRoute(table: () => readonly LeanRoute[] | undefined): FrontRoute {
  let source: readonly LeanRoute[] | undefined;
  let compiled: Compiled[] = [];
  return async (req, res) => {
    const routes = table();
    if (!routes) return false;
    if (routes !== source) {
      source = routes;
      compiled = routes.map(compile);
    }
    const url = req.url ?? "/";
    const q = url.search(/[?#]/);
    const method = req.method ?? "GET";
    const hit = matchLean(compiled, method, q === -1 ? url : url.slice(0, q));
    if (!hit) return false;
    const request = await toRequest(req, method);
    const response = await hit.handler(request, { params: Promise.resolve(hit.params) });
    await sendResponse(res, response, method === "HEAD");
    return true;
  };
}
