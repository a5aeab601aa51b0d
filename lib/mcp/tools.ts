// What an MCP session offers: its actions as tools (direct mode) or a handful of meta tools that
// search, describe and execute them (meta mode). Every call goes through lib/core's executeAction,
// so resolution, refresh, egress guard and the execution log are the REST path's own.
import { actionByModelName, modelSchema, modelToolName } from "@/lib/actions/model-name";
import { outputSchema } from "@/lib/actions/output";
import { listActions } from "@/lib/actions/registry";
import type { ActionDef, JSONSchemaObject } from "@/lib/actions/types";
import { listConnections } from "@/lib/core/connections";
import type { Actor, Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { executeAction } from "@/lib/core/execute";
import { createReconnectLink, initiateConnection } from "@/lib/core/initiate";
import type { ActiveSession } from "@/lib/core/tool-sessions";

export interface McpTool {
  name: string;
  title?: string;
  description: string;
  inputSchema: JSONSchemaObject;
  outputSchema?: JSONSchemaObject;
  annotations?: Record<string, boolean>;
}

export interface CallContext {
  deps: Deps;
  session: ActiveSession;
  actor: Actor;
  requestId: string;
}

/** A tool result: text for every client, structured content when there is an object. */
export interface ToolOutcome {
  content: { type: "text"; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** The entity needs to connect (or reconnect) before the call can run. */
export class ConnectionRequired extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly elicitationId: string,
  ) {
    super(message);
  }
}

export const META_TOOLS = {
  search: "KEYPORT_SEARCH_TOOLS",
  schemas: "KEYPORT_GET_TOOL_SCHEMAS",
  execute: "KEYPORT_MULTI_EXECUTE_TOOL",
  connections: "KEYPORT_MANAGE_CONNECTIONS",
} as const;

const MAX_PARALLEL = 4;
const MAX_BATCH = 20;

/** The session's actions, in name order. */
export async function sessionActions(
  deps: Pick<Deps, "sandboxOrigin">,
  session: Pick<ActiveSession, "toolkits" | "tools">,
): Promise<ActionDef[]> {
  const page = await listActions(
    { apps: session.toolkits, names: session.tools ?? undefined, limit: 5000 },
    { sandboxOrigin: deps.sandboxOrigin },
  );
  return page.items;
}

/** One action as an MCP tool whose schemas every major model API accepts. */
export function actionTool(action: ActionDef): McpTool {
  return {
    name: modelToolName(action.name),
    title: action.displayName,
    description: action.description || action.displayName,
    inputSchema: modelSchema(action.parameters),
    outputSchema: modelSchema(outputSchema(action.response)),
    annotations: {
      readOnlyHint: action.method === "GET",
      destructiveHint: action.method === "DELETE",
      openWorldHint: true,
    },
  };
}

const stringList = (description: string): JSONSchemaObject => ({
  type: "array",
  items: { type: "string" },
  description,
});

export const metaTools: McpTool[] = [
  {
    name: META_TOOLS.search,
    title: "Search tools",
    description:
      "Find the tools for a task. Give words describing what to do; optionally toolkits (apps) and tags. Returns the best matches first with their names; get their schemas next.",
    inputSchema: {
      type: "object",
      properties: {
        query: { type: "string", description: "What you want to do, in a few words" },
        toolkits: stringList("App keys to search in, e.g. github"),
        tags: stringList("Only tools with one of these tags"),
        limit: { type: "integer", minimum: 1, maximum: 50, description: "At most this many" },
      },
      additionalProperties: false,
    },
    annotations: { readOnlyHint: true },
  },
  {
    name: META_TOOLS.schemas,
    title: "Get tool schemas",
    description: "The input schemas of tools found by the search, to call them correctly.",
    inputSchema: {
      type: "object",
      properties: { tools: stringList("Tool names from the search") },
      required: ["tools"],
      additionalProperties: false,
    },
    annotations: { readOnlyHint: true },
  },
  {
    name: META_TOOLS.execute,
    title: "Execute tools",
    description: `Run one or several tools (at most ${MAX_BATCH}; they run in parallel, ${MAX_PARALLEL} at a time). Each item names the tool and its arguments; connected_account_id picks one of the session's accounts.`,
    inputSchema: {
      type: "object",
      properties: {
        tools: {
          type: "array",
          minItems: 1,
          maxItems: MAX_BATCH,
          items: {
            type: "object",
            properties: {
              tool_slug: { type: "string" },
              arguments: { type: "object" },
              connected_account_id: { type: "string" },
            },
            required: ["tool_slug"],
            additionalProperties: false,
          },
        },
      },
      required: ["tools"],
      additionalProperties: false,
    },
  },
  {
    name: META_TOOLS.connections,
    title: "Manage connections",
    description:
      'List the user\'s connected accounts ("list"), or get a link where the user connects an app ("connect", with toolkit).',
    inputSchema: {
      type: "object",
      properties: {
        action: { type: "string", enum: ["list", "connect"] },
        toolkit: { type: "string", description: "App key, for connect (and to filter list)" },
      },
      required: ["action"],
      additionalProperties: false,
    },
  },
];

/** The tools a session lists. */
export async function listSessionTools(deps: Deps, session: ActiveSession): Promise<McpTool[]> {
  if (session.mode === "meta") return metaTools;
  return (await sessionActions(deps, session)).map(actionTool);
}

const text = (value: unknown): ToolOutcome["content"] => [
  { type: "text", text: typeof value === "string" ? value : JSON.stringify(value) },
];
const ok = (data: Record<string, unknown>): ToolOutcome => ({
  content: text(data),
  structuredContent: data,
});
const failed = (message: string): ToolOutcome => ({ content: text(message), isError: true });

/** The session's action for a model-facing name, or null when the session does not allow it. */
async function allowedAction(
  deps: Deps,
  session: ActiveSession,
  name: string,
): Promise<ActionDef | null> {
  const action = await actionByModelName(name.trim(), { sandboxOrigin: deps.sandboxOrigin });
  if (!action || !session.toolkits.includes(action.app)) return null;
  if (session.tools && !session.tools.includes(action.name)) return null;
  return action;
}

/** A connect (or reconnect) link for the entity and the app, as a ConnectionRequired. */
async function connectionRequired(
  ctx: CallContext,
  appKey: string,
  err: AppError,
): Promise<ConnectionRequired> {
  const { deps, session, actor } = ctx;
  const existing = err.details?.connected_account_id;
  if (typeof existing === "string") {
    const link = await createReconnectLink(deps, {
      projectId: session.projectId,
      id: existing,
      actor,
    });
    return new ConnectionRequired(
      `${err.message}. Reconnect it here: ${link.redirectUrl}`,
      link.redirectUrl,
      link.id,
    );
  }
  const started = await initiateConnection(deps, {
    projectId: session.projectId,
    userId: session.userId,
    appKey,
    actor,
  });
  const url = started.link?.redirectUrl;
  if (!url) throw err;
  return new ConnectionRequired(
    `${err.message}. Ask the user to connect ${appKey} here, then call the tool again: ${url}`,
    url,
    started.link!.id,
  );
}

const CONNECTION_REASONS = /^(no_connection|connection_|auth_config_disabled)/;

/** Run one action for the session; provider failures are tool errors, missing connections throw. */
async function runAction(
  ctx: CallContext,
  action: ActionDef,
  args: unknown,
  connectedAccountId?: string,
): Promise<ToolOutcome> {
  const { deps, session, actor } = ctx;
  const pinned = session.connectedAccounts[action.app];
  if (connectedAccountId && !pinned?.includes(connectedAccountId)) {
    return failed(`${connectedAccountId} is not one of this session's ${action.app} accounts`);
  }
  if (args !== undefined && (typeof args !== "object" || args === null || Array.isArray(args))) {
    return failed(`Invalid arguments for ${action.name}: arguments must be an object`);
  }
  try {
    const r = await executeAction(deps, {
      projectId: session.projectId,
      action: action.name,
      userId: session.userId,
      connectionId: connectedAccountId ?? pinned?.[0],
      arguments: (args ?? {}) as Record<string, unknown>,
      actor,
      source: "mcp",
      sessionId: session.id,
      requestId: ctx.requestId,
    });
    if (!r.successful) return failed(r.error ?? `${action.name} failed`);
    return ok(r.data);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const reason = typeof err.details?.reason === "string" ? err.details.reason : "";
    if (CONNECTION_REASONS.test(reason)) throw await connectionRequired(ctx, action.app, err);
    return failed(err.message);
  }
}

/** A call of a direct-mode tool by its (model-facing) name; null when the session has no such tool. */
export async function callActionTool(
  ctx: CallContext,
  name: string,
  args: unknown,
): Promise<ToolOutcome | null> {
  const action = await allowedAction(ctx.deps, ctx.session, name);
  if (!action) return null;
  return runAction(ctx, action, args);
}

function words(query: unknown): string[] {
  return typeof query === "string" ? query.toLowerCase().split(/\W+/).filter(Boolean) : [];
}

/** Ranked search: each word found in the name counts 3, in the title or a tag 2, in the description 1. */
function score(action: ActionDef, terms: string[]): number {
  const name = action.name.toLowerCase();
  const title = action.displayName.toLowerCase();
  const description = action.description.toLowerCase();
  const tags = action.tags.join(" ").toLowerCase();
  let total = 0;
  for (const t of terms) {
    if (name.includes(t)) total += 3;
    if (title.includes(t) || tags.includes(t)) total += 2;
    if (description.includes(t)) total += 1;
  }
  return total;
}

const asStrings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;

async function search(ctx: CallContext, args: Record<string, unknown>): Promise<ToolOutcome> {
  const { deps, session } = ctx;
  const toolkits = asStrings(args.toolkits)?.map((t) => t.toLowerCase());
  const tags = asStrings(args.tags)?.map((t) => t.toLowerCase());
  const limit = Math.min(50, Math.max(1, Number(args.limit) || 10));
  const terms = words(args.query);
  const ranked = (await sessionActions(deps, session))
    .filter((a) => !toolkits || toolkits.includes(a.app))
    .filter((a) => !tags || a.tags.some((t) => tags.includes(t.toLowerCase())))
    .map((a) => ({ a, s: terms.length ? score(a, terms) : 1 }))
    .filter(({ s }) => s > 0)
    .sort((x, y) => y.s - x.s || (x.a.name < y.a.name ? -1 : 1));
  const tools = ranked.slice(0, limit).map(({ a }) => ({
    tool_slug: modelToolName(a.name),
    name: a.displayName,
    description: a.description,
    toolkit: a.app,
    tags: a.tags,
  }));
  return ok({ tools, total: ranked.length });
}

async function schemas(ctx: CallContext, args: Record<string, unknown>): Promise<ToolOutcome> {
  const names = asStrings(args.tools) ?? [];
  if (names.length === 0) return failed("tools: give at least one tool name");
  const found: McpTool[] = [];
  const unknown: string[] = [];
  for (const name of names.slice(0, 50)) {
    const action = await allowedAction(ctx.deps, ctx.session, name);
    if (action) found.push(actionTool(action));
    else unknown.push(name);
  }
  return ok({
    tools: found.map((t) => ({
      tool_slug: t.name,
      name: t.title,
      description: t.description,
      input_schema: t.inputSchema,
    })),
    unknown,
  });
}

/** Up to `limit` tasks at a time, results in input order. */
async function bounded<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

async function multiExecute(ctx: CallContext, args: Record<string, unknown>): Promise<ToolOutcome> {
  const items = Array.isArray(args.tools) ? args.tools : [];
  if (items.length === 0 || items.length > MAX_BATCH) {
    return failed(`tools: give 1 to ${MAX_BATCH} tools to execute`);
  }
  const results = await bounded(
    items.map((item) => async () => {
      const it = (item ?? {}) as Record<string, unknown>;
      const slug = typeof it.tool_slug === "string" ? it.tool_slug : "";
      const action = await allowedAction(ctx.deps, ctx.session, slug);
      if (!action) {
        return { tool_slug: slug, successful: false, error: `Unknown tool: ${slug}`, data: {} };
      }
      const account =
        typeof it.connected_account_id === "string" ? it.connected_account_id : undefined;
      let out: ToolOutcome;
      try {
        out = await runAction(ctx, action, it.arguments, account);
      } catch (err) {
        // One call alone may ask the client to open the link; in a batch it is that item's error.
        if (!(err instanceof ConnectionRequired) || items.length === 1) throw err;
        out = failed(err.message);
      }
      return {
        tool_slug: slug,
        successful: !out.isError,
        error: out.isError ? (out.content[0]?.text ?? "failed") : null,
        data: out.structuredContent ?? {},
      };
    }),
    MAX_PARALLEL,
  );
  const allFailed = results.every((r) => !r.successful);
  const result = ok({ results });
  return allFailed ? { ...result, isError: true } : result;
}

async function manageConnections(
  ctx: CallContext,
  args: Record<string, unknown>,
): Promise<ToolOutcome> {
  const { deps, session, actor } = ctx;
  const toolkit = typeof args.toolkit === "string" ? args.toolkit.toLowerCase() : undefined;
  if (toolkit && !session.toolkits.includes(toolkit)) {
    return failed(`toolkit: "${toolkit}" is not in this session`);
  }
  if (args.action === "connect") {
    if (!toolkit) return failed("toolkit: name the app to connect");
    let started: Awaited<ReturnType<typeof initiateConnection>>;
    try {
      started = await initiateConnection(deps, {
        projectId: session.projectId,
        userId: session.userId,
        appKey: toolkit,
        actor,
      });
    } catch (err) {
      if (err instanceof AppError) return failed(err.message);
      throw err;
    }
    return ok({
      toolkit,
      connected_account_id: started.connection.id,
      redirect_url: started.link?.redirectUrl ?? null,
      status: started.connection.status,
    });
  }
  if (args.action !== "list") return failed('action: give "list" or "connect"');
  const page = await listConnections(deps, {
    projectId: session.projectId,
    userIds: [session.userId],
    appKeys: toolkit ? [toolkit] : session.toolkits,
    limit: 100,
  });
  return ok({
    connections: page.items.map((c) => ({
      id: c.id,
      toolkit: c.appKey,
      status: c.status,
      enabled: c.enabled,
      account: c.upstreamIdentity?.login ?? null,
    })),
  });
}

/** A call of a meta-mode tool; null when the name is not one. */
export async function callMetaTool(
  ctx: CallContext,
  name: string,
  args: unknown,
): Promise<ToolOutcome | null> {
  const a = (args && typeof args === "object" ? args : {}) as Record<string, unknown>;
  switch (name) {
    case META_TOOLS.search:
      return search(ctx, a);
    case META_TOOLS.schemas:
      return schemas(ctx, a);
    case META_TOOLS.execute:
      return multiExecute(ctx, a);
    case META_TOOLS.connections:
      return manageConnections(ctx, a);
    default:
      return null;
  }
}
