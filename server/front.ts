// The front of Keyport's HTTP server: every request passes here before Next's handler sees it.
// It answers what Next would turn into a 500 (unknown methods, undecodable paths), and tells the
// app the TCP peer's address in a header no client can forge (Next itself fills X-Forwarded-For
// from the socket only when the client did not send one, so the app cannot tell the two apart).
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * A handler tried before Next, in order; it answers and resolves true, or resolves false to pass
 * the request on. Hot machine-facing routes can be served this way without Next's router.
 */
export type FrontRoute = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** The socket's remote address, as the app reads it (lib/http/client-address.ts). */
export const PEER_HEADER = "x-keyport-peer";

/** Methods some route or page answers; anything else (TRACE, TRACK, CONNECT, PROPFIND…) is a 405. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const ALLOWED = new Set(ALLOWED_METHODS);

const requestId = () => `req_${randomBytes(9).toString("base64url")}`;

/** The path part of a request target (before `?` or `#`). */
function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/** True when the path's %-escapes decode to valid UTF-8 (`%ff`, `%zz` and a lone `%` do not). */
export function decodablePath(url: string): boolean {
  try {
    decodeURIComponent(pathOf(url));
    return true;
  } catch {
    return false;
  }
}

// A Host header is a name or an IP literal and an optional port; pages build URLs from it.
const HOST = /^(?:[A-Za-z0-9._~-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** Next's default server-action body limit (1 MB, as `bytes` counts it); past it Next throws a 500. */
export const SERVER_ACTION_BODY_LIMIT = 1024 * 1024;

/**
 * A request Next would treat as a server action: a POST to a page with a `Next-Action` header
 * (from JavaScript) or a multipart form (without JavaScript). API routes are never actions.
 */
function serverAction(req: IncomingMessage, path: string): boolean {
  if (req.method !== "POST" || path.startsWith("/api/")) return false;
  if (req.headers["next-action"] !== undefined) return true;
  return (req.headers["content-type"] ?? "").toLowerCase().startsWith("multipart/form-data");
}

/**
 * Next's own same-origin rule for server actions (app-render/action-handler.js): an Origin must
 * name the host the request was sent to (X-Forwarded-Host's first hop, else Host). Next refuses
 * the rest too, but by throwing, which answers 500; here they get a 403 first.
 */
function crossOriginAction(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false; // Next lets these through (no browser omits it on POST)
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true; // includes "null" (sandboxed frames, some redirects)
  }
  const forwarded = req.headers["x-forwarded-host"];
  const forwardedHost = (Array.isArray(forwarded) ? forwarded[0] : forwarded)
    ?.split(",")[0]
    ?.trim();
  return originHost !== forwardedHost && originHost !== req.headers.host;
}

// No id, filter or search term has a use for these; Postgres refuses NUL outright.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The first path segment or query parameter that decodes to a control character, named for the
 * message; undefined when there is none.
 */
export function controlCharacterIn(url: string): string | undefined {
  const path = pathOf(url);
  if (CONTROL.test(decodeURIComponent(path))) return "the request path";
  const q = url.indexOf("?");
  if (q === -1) return undefined;
  for (const [name, value] of new URLSearchParams(url.slice(q + 1).split("#")[0]))
    if (CONTROL.test(name) || CONTROL.test(value))
      return `query parameter ${name.replace(/[\u0000-\u001f\u007f]/g, "?").slice(0, 60)}`;
  return undefined;
}

/** Answer an error: the API's JSON shape under /api/, plain text elsewhere (pages, assets). */
export function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const id = requestId();
  const api = (req.url ?? "").startsWith("/api/");
  const body = api
    ? JSON.stringify({ error: { message, code, status, request_id: id } })
    : `${message}\n`;
  res.writeHead(status, {
    ...headers,
    "content-type": api ? "application/json" : "text/plain; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    "cache-control": "no-store",
    "x-request-id": id,
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * Check a request and mark its peer; true when it was answered here.
 * Exported on its own so tests can drive it without Next.
 */
export function guard(req: IncomingMessage, res: ServerResponse): boolean {
  const method = req.method ?? "";
  if (!ALLOWED.has(method)) {
    sendError(req, res, 405, "method_not_allowed", `Method ${method.slice(0, 20)} is not allowed`, {
      allow: ALLOWED_METHODS.join(", "),
    });
    return true;
  }
  const url = req.url ?? "/";
  if (!decodablePath(url)) {
    sendError(req, res, 400, "bad_request", "The request path has invalid percent-encoding");
    return true;
  }
  // Pages only: API routes name the offending parameter themselves (lib/http/input-guard.ts).
  const control = url.startsWith("/api/") ? undefined : controlCharacterIn(url);
  if (control) {
    sendError(req, res, 400, "bad_request", `${control}: must not contain control characters`);
    return true;
  }
  const host = req.headers.host;
  if (host !== undefined && !HOST.test(host)) {
    sendError(req, res, 400, "bad_request", "The Host header is not a valid host name");
    return true;
  }
  const path = pathOf(url);
  if (serverAction(req, path)) {
    if (crossOriginAction(req)) {
      sendError(req, res, 403, "forbidden", "Cross-origin form submissions are not accepted");
      return true;
    }
    // Browsers always send a length. A chunked body is let through: Next forwards an action to
    // the page that owns it with a streamed body of its own, and still refuses one too large.
    const length = req.headers["content-length"];
    if (length !== undefined && Number(length) > SERVER_ACTION_BODY_LIMIT) {
      sendError(req, res, 413, "payload_too_large", "The form submission is larger than 1 MB");
      return true;
    }
  }
  // Whatever the client sent under this name is dropped; only the socket speaks here.
  delete req.headers[PEER_HEADER];
  const peer = req.socket.remoteAddress;
  if (peer) req.headers[PEER_HEADER] = peer;
  return false;
}

/** CONNECT asks for a tunnel; Node hands it to a separate event, and without an answer drops the socket. */
export function refuseConnect(_req: IncomingMessage, socket: Duplex): void {
  const body = "Method CONNECT is not allowed\n";
  socket.end(
    "HTTP/1.1 405 Method Not Allowed\r\n" +
      `allow: ${ALLOWED_METHODS.join(", ")}\r\n` +
      "content-type: text/plain; charset=utf-8\r\n" +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      "connection: close\r\n\r\n" +
      body,
  );
}

/** The request listener: guard, then each front route, then Next. */
export function frontListener(next: RequestHandler, routes: FrontRoute[] = []): RequestHandler {
  return async (req, res) => {
    try {
      if (guard(req, res)) return;
      for (const route of routes) if (await route(req, res)) return;
      await next(req, res);
    } catch (err) {
      console.error(`front: request for ${req.method} ${pathOf(req.url ?? "")} failed`, err);
      if (!res.headersSent) sendError(req, res, 500, "internal_error", "Something went wrong");
      else res.destroy();
    }
  };
}
