// Execute an action on behalf of an entity: resolve, validate, refresh, call through egress, record.
import { eq } from "drizzle-orm";
import { connections, type Connection } from "@/db/schema";
import { actionByModelName } from "@/lib/actions/model-name";
import { compiledValidator, getAction } from "@/lib/actions/registry";
import type { ActionDef } from "@/lib/actions/types";
import { findEgressError } from "@/lib/egress";
import { requireApp, requireScheme } from "./apps";
import {
  assertUsable,
  newestActiveConnection,
  usableConnection,
  type UsableConnection,
} from "./connection-row";
import type { Actor, Deps } from "./deps";
import { AppError } from "./errors";
import { assertExecutionLogAvailable, recordExecution, type CallOrigin } from "./executions";
import { recordRefusal } from "./execution-refusals";
import { sendWithAuthRecovery } from "./provider-auth";
import { buildActionRequest, toData, upstreamError } from "./request-build";
import { apiBaseFor, upstreamRequest } from "./upstream";

export interface ExecuteInput extends CallOrigin {
  projectId: string;
  action: string;
  connectionId?: string;
  userId?: string;
  arguments: Record<string, unknown>;
  actor: Actor;
}

export interface ExecuteResult {
  data: Record<string, unknown>;
  error: string | null;
  successful: boolean;
  logId: string;
  httpStatus: number | null;
  connectionId: string;
}

/** Find the action or a 404 naming it. */
export async function requireAction(
  deps: Pick<Deps, "sandboxOrigin">,
  name: string,
): Promise<ActionDef> {
  const opts = { sandboxOrigin: deps.sandboxOrigin };
  // The model-facing short name of a long slug (lib/actions/model-name.ts) works as well.
  const action =
    (await getAction(name.toUpperCase(), opts)) ?? (await actionByModelName(name, opts));
  if (!action)
    throw new AppError("not_found", `Action ${name} not found`, { reason: "unknown_action" });
  return action;
}

/** Check arguments against the action's JSON Schema; a 400 names each bad field. */
export function validateArguments(action: ActionDef, args: unknown): Record<string, unknown> {
  const validate = compiledValidator(action);
  if (validate(args)) return args as Record<string, unknown>;
  const problems = (validate.errors ?? []).slice(0, 10).map((e) => {
    const field = e.instancePath.replace(/^\//, "").replace(/\//g, ".");
    if (e.keyword === "required")
      return `${[field, (e.params as { missingProperty: string }).missingProperty].filter(Boolean).join(".")}: is required`;
    if (e.keyword === "additionalProperties")
      return `${(e.params as { additionalProperty: string }).additionalProperty}: is not a parameter of ${action.name}`;
    return `${field || "arguments"}: ${e.message ?? "is invalid"}`;
  });
  throw new AppError(
    "bad_request",
    `Invalid arguments for ${action.name}: ${problems.join("; ")}`,
    { errors: problems, reason: "invalid_arguments" },
  );
}

async function resolve(
  deps: Deps,
  input: ExecuteInput,
  action: ActionDef,
): Promise<UsableConnection> {
  if (input.connectionId) {
    const u = await usableConnection(deps, { projectId: input.projectId, id: input.connectionId });
    if (u.connection.appKey !== action.app) {
      throw new AppError(
        "bad_request",
        `Connected account ${u.connection.id} is for app "${u.connection.appKey}", not "${action.app}"`,
      );
    }
    return u;
  }
  return newestActiveConnection(deps, {
    projectId: input.projectId,
    userId: input.userId ?? "default",
    appKey: action.app,
  });
}

/** When this process last wrote each connection's last_used_at (the row may come from a cache). */
const touched = new Map<string, number>();

/** Record a use at most once a minute per connection, off the response path; updated_at stays as it was. */
function touchConnection(deps: Deps, c: Connection): void {
  const now = Date.now();
  if (now - Math.max(c.lastUsedAt?.getTime() ?? 0, touched.get(c.id) ?? 0) <= 60_000) return;
  if (touched.size >= 10_000) touched.clear();
  touched.set(c.id, now);
  void deps.db
    .update(connections)
    .set({ lastUsedAt: new Date(now), updatedAt: c.updatedAt })
    .where(eq(connections.id, c.id))
    .catch(() => {});
}

/**
 * Run one action. Upstream failures are `successful:false` results; bad input and unusable
 * connections are AppErrors. Every attempt is in the execution log, refusals included.
 */
export async function executeAction(deps: Deps, input: ExecuteInput): Promise<ExecuteResult> {
  const seen: Seen = { started: performance.now() };
  try {
    return await run(deps, input, seen);
  } catch (err) {
    recordRefusal(deps, {
      ...input,
      err,
      action: seen.action?.name ?? input.action.toUpperCase().slice(0, 200),
      appKey: seen.action?.app ?? "",
      connectionId: seen.u?.connection.id ?? null,
      userId: seen.u?.userId ?? input.userId ?? null,
      durationMs: performance.now() - seen.started,
      arguments: input.arguments,
    });
    throw err;
  }
}

/** What an attempt had resolved when it was refused. */
interface Seen {
  started: number;
  action?: ActionDef;
  u?: UsableConnection;
}

async function run(deps: Deps, input: ExecuteInput, seen: Seen): Promise<ExecuteResult> {
  const action = await requireAction(deps, input.action);
  seen.action = action;
  const args = validateArguments(action, input.arguments ?? {});
  const u = await resolve(deps, input, action);
  seen.u = u;
  assertUsable(u);
  const app = requireApp(deps, action.app);
  const scheme = requireScheme(app, u.connection.authScheme);
  // Before anything reaches the provider (a refresh included): no action without its record.
  assertExecutionLogAvailable(deps.db);
  const started = performance.now();
  let httpStatus: number | null = null;
  let result: Pick<ExecuteResult, "data" | "error" | "successful">;
  try {
    const base = apiBaseFor(app, u.connection.connectionParams, u.integration.apiBaseUrl);
    const req = buildActionRequest(action, args, base);
    const ctx = { connection: u.connection, integration: u.integration, app, scheme };
    const res = await sendWithAuthRecovery(deps, { ...ctx, actor: input.actor }, (credentials) =>
      upstreamRequest(deps, {
        app,
        base,
        url: req.url,
        method: req.method,
        headers: req.headers,
        body: req.body,
        credentials,
      }),
    );
    httpStatus = res.status;
    const data = toData(res);
    result =
      res.status < 400
        ? { data, error: null, successful: true }
        : { data, error: upstreamError(app.name, res.status, data), successful: false };
  } catch (err) {
    if (err instanceof AppError && err.code !== "upstream_error") throw err;
    const egress = findEgressError(err);
    const message = egress
      ? `${app.name} could not be reached: ${egress.message}`
      : err instanceof AppError
        ? err.message
        : `The call to ${app.name} failed`;
    result = { data: {}, error: message, successful: false };
  }
  const durationMs = performance.now() - started;
  const logId = recordExecution(deps, {
    projectId: input.projectId,
    connectionId: u.connection.id,
    userId: u.userId,
    appKey: app.key,
    action: action.name,
    successful: result.successful,
    httpStatus,
    durationMs,
    error: result.error,
    requestId: input.requestId,
    source: input.source,
    sessionId: input.sessionId,
    actor: input.actor,
    arguments: args,
    response: result.data,
  });
  touchConnection(deps, u.connection);
  return { ...result, logId, httpStatus, connectionId: u.connection.id };
}
