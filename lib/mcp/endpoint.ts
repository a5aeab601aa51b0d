// The MCP endpoint of a tool-router session: POST /api/tool_router/{id}/mcp.
// A framework-free `(req: Request) => Promise<Response>` over the official SDK's web-standard
// handler (@modelcontextprotocol/server 2.x), which serves both protocol eras: the stateless
// 2026-07-28 revision and the 2025-11-25 one (each request answered by a fresh server instance).
// Auth: the session token as `Authorization: Bearer`, or the project's `x-api-key` (Composio's SDK).
import {
  createMcpHandler,
  inputRequired,
  isLegacyRequest,
  ProtocolError,
  ProtocolErrorCode,
  Server,
  UrlElicitationRequiredError,
  WebStandardStreamableHTTPServerTransport,
  type AuthInfo,
  type CallToolResult,
  type ListToolsResult,
  type McpRequestContext,
} from "@modelcontextprotocol/server";
import { authenticateApiKey } from "@/lib/core/api-keys";
import type { Actor, Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import {
  isSessionToken,
  sessionByToken,
  sessionForProject,
  type ActiveSession,
} from "@/lib/core/tool-sessions";
import { randomToken } from "@/lib/crypto";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/http/client-address";
import { checkPathParams } from "@/lib/http/input-guard";
import { readJson, refuseKeyInQuery } from "@/lib/http/with-api-key";
import { logError } from "@/lib/log";
import {
  callActionTool,
  callMetaTool,
  ConnectionRequired,
  listSessionTools,
  type CallContext,
} from "./tools";
import { MCP_PATH } from "./url";

export const MAX_MCP_BODY_BYTES = 1_000_000;

// Sessions whose 2025-era client declared URL elicitation at initialize: that era sends its
// capabilities only once, and every request here is served by a fresh server instance.
const urlElicitation = new Map<string, boolean>();

function rememberCapabilities(sessionId: string, body: unknown): void {
  const msg = body as { method?: unknown; params?: { capabilities?: { elicitation?: unknown } } };
  if (msg?.method !== "initialize") return;
  const elicitation = msg.params?.capabilities?.elicitation as { url?: unknown } | undefined;
  if (urlElicitation.size >= 10_000) urlElicitation.clear();
  urlElicitation.set(
    sessionId,
    !!elicitation && typeof elicitation === "object" && !!elicitation.url,
  );
}

function clientTakesUrlElicitation(server: Server, sessionId: string): boolean {
  const caps = server.getClientCapabilities() as { elicitation?: { url?: unknown } } | undefined;
  if (caps) return !!caps.elicitation?.url;
  return urlElicitation.get(sessionId) ?? false;
}

const INSTRUCTIONS =
  "Keyport tools for one user. In meta mode: search tools, get their schemas, then execute them. " +
  "When a tool needs a connection, the user opens the link given and the call is retried.";

function buildServer(ctx: McpRequestContext): Server {
  const call = ctx.authInfo?.extra?.call as CallContext;
  const server = new Server(
    { name: "keyport", version: "0.1.0" },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
  );
  server.setRequestHandler(
    "tools/list",
    async () => ({ tools: await listSessionTools(call.deps, call.session) }) as ListToolsResult,
  );
  server.setRequestHandler("tools/call", async (request) => {
    const { name, arguments: args } = request.params;
    try {
      const out =
        (call.session.mode === "meta" ? await callMetaTool(call, name, args) : null) ??
        (await callActionTool(call, name, args));
      if (!out) {
        throw new ProtocolError(
          ProtocolErrorCode.InvalidParams,
          `Unknown tool: ${name} (not a tool of this session)`,
        );
      }
      return out as CallToolResult;
    } catch (err) {
      if (!(err instanceof ConnectionRequired)) throw err;
      // A retry that carries the client's answer and still finds no connection stops asking.
      const retried = "inputResponses" in (request.params as object);
      if (!retried && clientTakesUrlElicitation(server, call.session.id)) {
        // 2026-07-28 asks through an input-required result; 2025-11-25 through the -32042 error.
        if ((server.getNegotiatedProtocolVersion() ?? "") >= "2026") {
          const asked = inputRequired({
            inputRequests: {
              connect: inputRequired.elicitUrl({ message: err.message, url: err.url }),
            },
          });
          return asked;
        }
        throw new UrlElicitationRequiredError(
          [{ mode: "url", message: err.message, url: err.url, elicitationId: err.elicitationId }],
          err.message,
        );
      }
      const refused: CallToolResult = {
        content: [{ type: "text", text: err.message }],
        isError: true,
      };
      return refused;
    }
  });
  return server;
}

const onerror = (err: Error) => {
  if (!(err instanceof ProtocolError)) logError("mcp: request failed", err);
};

// Every request but a 2025-era POST: the 2026-07-28 revision, and the 405 the 2025 era's stateless
// serving gives a GET or DELETE (no session streams to open or end).
const handler = createMcpHandler(buildServer, {
  maxRequestBodySize: MAX_MCP_BODY_BYTES,
  responseMode: "json",
  onerror,
});

/**
 * A 2025-era POST, served as the SDK's stateless fallback serves it (a fresh server and transport
 * per request) but answered as one JSON body, which that revision allows, instead of an event
 * stream: nothing here sends a message before the result, and a stream costs both ends more.
 */
async function legacyJson(req: Request, authInfo: AuthInfo, parsedBody: unknown) {
  const server = buildServer({ era: "legacy", authInfo, requestInfo: req });
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    maxRequestBodySize: MAX_MCP_BODY_BYTES,
  });
  server.onerror = onerror;
  await server.connect(transport);
  try {
    // Resolves once the answer is complete; nothing of the exchange is left pending, and both
    // objects are garbage with the request (closing them would only build a "closed" error).
    return await transport.handleRequest(req, { authInfo, parsedBody });
  } catch (err) {
    void transport.close().catch(() => undefined);
    void server.close().catch(() => undefined);
    throw err;
  }
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

const rpcError = (status: number, code: number, message: string) =>
  jsonResponse(status, { jsonrpc: "2.0", id: null, error: { code, message } });

/** 403 for a browser page of another origin (DNS-rebinding protection); no Origin is a non-browser client. */
function originRefused(req: Request, deps: Deps): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return false;
  return origin !== new URL(deps.publicUrl).origin;
}

async function authenticate(
  req: Request,
  deps: Deps,
  sessionId: string,
): Promise<{ session: ActiveSession; actor: Actor }> {
  refuseKeyInQuery(req);
  const ip = clientAddress(req.headers, env().trustedProxies);
  const bearer = req.headers
    .get("authorization")
    ?.replace(/^Bearer\s+/i, "")
    .trim();
  if (bearer && isSessionToken(bearer)) {
    const session = await sessionByToken(deps, { id: sessionId, token: bearer });
    return {
      session,
      actor: { type: "api_key", id: session.id, label: `MCP session ${session.id}`, ip },
    };
  }
  const key = req.headers.get("x-api-key")?.trim() || bearer;
  if (!key) throw new AppError("unauthorized", "Send the session token as Authorization: Bearer");
  const auth = await authenticateApiKey(deps, key);
  if (!auth) throw new AppError("unauthorized", "Invalid or revoked API key");
  const session = await sessionForProject(deps, { projectId: auth.projectId, id: sessionId });
  return { session, actor: { type: "api_key", id: auth.keyId, label: `API key ${auth.name}`, ip } };
}

function refusal(err: AppError, requestId: string): Response {
  const body = { error: { message: err.message, code: err.code, request_id: requestId } };
  if (err.code === "unauthorized") {
    const description = err.message.replace(/"/g, "'");
    return jsonResponse(401, body, {
      "www-authenticate": `Bearer error="invalid_token", error_description="${description}"`,
    });
  }
  return jsonResponse(err.status, body);
}

/**
 * The endpoint as a web-standard handler: `(req) => Promise<Response>` for any server (the Next
 * route, the front server's fast path, a test's fetch). The path names the session.
 */
export function createMcpEndpoint(getDeps: () => Promise<Deps>) {
  return (req: Request) => serveMcp(req, getDeps);
}

/** A path segment's text; malformed %-escapes are a 400, not a thrown URIError. */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AppError("bad_request", "session_id: not a valid URL path segment");
  }
}

async function serveMcp(req: Request, getDeps: () => Promise<Deps>): Promise<Response> {
  const requestId = `req_${randomToken(9)}`;
  const match = MCP_PATH.exec(new URL(req.url).pathname);
  if (!match) return jsonResponse(404, { error: { message: "Not found" } });
  try {
    const sessionId = decodePathSegment(match[1]!);
    checkPathParams({ session_id: sessionId });
    const deps = await getDeps();
    if (originRefused(req, deps)) {
      return jsonResponse(403, { error: { message: "Origin not allowed", code: "forbidden" } });
    }
    const { session, actor } = await authenticate(req, deps, sessionId);
    const call: CallContext = { deps, session, actor, requestId };
    const authInfo = { token: "session", clientId: session.id, scopes: [], extra: { call } };
    if (req.method !== "POST") return handler.fetch(req, { authInfo });
    let body: unknown;
    try {
      body = await readJson(req, MAX_MCP_BODY_BYTES);
    } catch (err) {
      if (err instanceof AppError && err.code === "payload_too_large") {
        return rpcError(413, ProtocolErrorCode.InvalidRequest, err.message);
      }
      // Not JSON, or JSON Postgres could not store (NUL in a string, nesting too deep).
      const parsed = err instanceof AppError && !/not valid JSON/.test(err.message);
      return parsed
        ? rpcError(400, ProtocolErrorCode.InvalidRequest, `Invalid request: ${err.message}`)
        : rpcError(400, ProtocolErrorCode.ParseError, "Parse error: the body is not valid JSON");
    }
    rememberCapabilities(session.id, body);
    if (await isLegacyRequest(req, body, { maxRequestBodySize: MAX_MCP_BODY_BYTES }))
      return await legacyJson(req, authInfo, body);
    return await handler.fetch(req, { authInfo, parsedBody: body });
  } catch (err) {
    if (err instanceof AppError) return refusal(err, requestId);
    logError("mcp: request failed", err, { requestId });
    return rpcError(500, ProtocolErrorCode.InternalError, "Internal error");
  }
}
