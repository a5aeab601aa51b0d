// Proxy: an authenticated raw request for a connection, to a path under the app's API base (SECURITY.md 19).
import { resolveApiPath, findEgressError } from "@/lib/egress";
import { requireApp, requireScheme } from "./apps";
import { assertUsable, usableConnection, type UsableConnection } from "./connection-row";
import type { Actor, Deps } from "./deps";
import { AppError } from "./errors";
import { recordRefusal } from "./execution-refusals";
import { assertExecutionLogAvailable, recordExecution, type CallOrigin } from "./executions";
import { sendWithAuthRecovery } from "./provider-auth";
import { checkHeader, toData } from "./request-build";
import { apiBaseFor, upstreamRequest } from "./upstream";

export interface ProxyInput extends CallOrigin {
  projectId: string;
  connectionId: string;
  endpoint: string;
  method: string;
  parameters?: Array<{ name: string; value: string; in: "query" | "header" }>;
  body?: unknown;
  actor: Actor;
}

const DROP_HEADERS = new Set([
  "set-cookie",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-encoding",
  "content-length",
]);
// Headers a caller may not set: they would override the credential or confuse the transport.
const FORBIDDEN_HEADERS = new Set([
  "authorization",
  "cookie",
  "host",
  "x-api-key",
  "proxy-authorization",
  "content-length",
]);

/** Errors whose attempt `send` has logged already. */
const logged = new WeakSet<Error>();

/** What the log keeps of a proxy request's input (redacted when written). */
const proxyArguments = (input: ProxyInput) => ({
  method: input.method,
  endpoint: input.endpoint,
  parameters: input.parameters,
  body: input.body,
});

/**
 * Send the request and return the upstream status, headers and body as they are. Every attempt
 * is in the execution log, refusals included.
 */
export async function proxyRequest(deps: Deps, input: ProxyInput) {
  const seen: { started: number; u?: UsableConnection } = { started: performance.now() };
  try {
    return await send(deps, input, seen);
  } catch (err) {
    // Failures after the provider was asked are logged by send itself.
    if (!(err instanceof Error && logged.has(err)))
      recordRefusal(deps, {
        ...input,
        err,
        action: "PROXY",
        appKey: seen.u?.connection.appKey ?? "",
        connectionId: seen.u?.connection.id ?? null,
        userId: seen.u?.userId ?? null,
        durationMs: performance.now() - seen.started,
        arguments: proxyArguments(input),
      });
    throw err;
  }
}

async function send(
  deps: Deps,
  input: ProxyInput,
  seen: { started: number; u?: UsableConnection },
) {
  const method = input.method.toUpperCase();
  if (!["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"].includes(method))
    throw new AppError("bad_request", `method: ${input.method} is not supported`);
  const u = await usableConnection(deps, { projectId: input.projectId, id: input.connectionId });
  seen.u = u;
  assertUsable(u);
  const app = requireApp(deps, u.connection.appKey);
  const scheme = requireScheme(app, u.connection.authScheme);
  const base = apiBaseFor(app, u.connection.connectionParams, u.integration.apiBaseUrl);
  let url: URL;
  try {
    url = resolveApiPath(base, input.endpoint);
  } catch (err) {
    throw new AppError("bad_request", `endpoint: ${(err as Error).message}`);
  }
  const headers: Record<string, string> = {};
  for (const p of input.parameters ?? []) {
    if (p.in === "query") url.searchParams.append(p.name, p.value);
    else if (FORBIDDEN_HEADERS.has(p.name.toLowerCase()))
      throw new AppError("bad_request", `parameters: header ${p.name} cannot be set`);
    else {
      checkHeader(p.name, p.value);
      headers[p.name.toLowerCase()] = p.value;
    }
  }
  let body: string | undefined;
  if (input.body !== undefined && method !== "GET" && method !== "HEAD") {
    body = typeof input.body === "string" ? input.body : JSON.stringify(input.body);
    headers["content-type"] ??= "application/json";
  }
  // Before anything reaches the provider (a refresh included): no call without its record.
  assertExecutionLogAvailable(deps.db);
  const started = performance.now();
  const record = (
    successful: boolean,
    httpStatus: number | null,
    error: string | null,
    response?: unknown,
  ) =>
    recordExecution(deps, {
      projectId: input.projectId,
      connectionId: u.connection.id,
      userId: u.userId,
      appKey: app.key,
      action: "PROXY",
      successful,
      httpStatus,
      durationMs: performance.now() - started,
      error,
      requestId: input.requestId,
      source: input.source,
      sessionId: input.sessionId,
      actor: input.actor,
      arguments: proxyArguments(input),
      response,
    });
  try {
    const ctx = { connection: u.connection, integration: u.integration, app, scheme };
    const res = await sendWithAuthRecovery(deps, { ...ctx, actor: input.actor }, (credentials) =>
      upstreamRequest(deps, { app, base, url, method, headers, body, credentials }),
    );
    const data = toData(res);
    const logId = record(
      res.status < 400,
      res.status,
      res.status < 400 ? null : `HTTP ${res.status}`,
      data,
    );
    const outHeaders = Object.fromEntries(
      Object.entries(res.headers).filter(([k]) => !DROP_HEADERS.has(k)),
    );
    return { status: res.status, headers: outHeaders, data, logId };
  } catch (err) {
    if (err instanceof AppError && err.code !== "upstream_error") throw err;
    const egress = findEgressError(err);
    const message = egress
      ? `${app.name} could not be reached: ${egress.message}`
      : (err as Error).message;
    record(false, null, message);
    const failure = new AppError("upstream_error", message);
    logged.add(failure);
    throw failure;
  }
}
