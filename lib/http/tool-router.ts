// The tool-router session face (issue 12) in Composio's wire shape: what `composio.create(userId,
// { toolkits, mcp: true })` of @composio/core 0.19 sends and reads (session_id, mcp.url, config…),
// plus Keyport's own fields: the session `token` (in the create answer only), `expires_at`, `mode`.
import { z } from "zod";
import { mcpUrl } from "@/lib/mcp/url";
import { modelToolName } from "@/lib/actions/model-name";
import { appsWithActions } from "@/lib/actions/registry";
import type { ToolSessionView } from "@/lib/core/tool-sessions";
import { META_TOOLS } from "@/lib/mcp/tools";

const list = z.array(z.string().min(1).max(200)).max(2000);
const enableOrDisable = z.union([
  list,
  z.object({ enable: list }),
  z.object({ enabled: list }),
  z.object({ disable: list }),
  z.object({ disabled: list }),
]);

export const createSessionBody = z.object({
  user_id: z.string().min(1).max(200),
  toolkits: enableOrDisable.optional(),
  tools: z.record(z.string().max(100), enableOrDisable).optional(),
  connected_accounts: z
    .record(z.string().max(100), z.array(z.string().max(100)).max(20))
    .optional(),
  expires_in: z
    .number()
    .int()
    .min(60)
    .max(24 * 3600)
    .optional()
    .describe("Seconds until the session expires (default 3600, at most 86400)"),
  mode: z
    .enum(["direct", "meta"])
    .optional()
    .describe("direct: every tool listed; meta: search/schemas/execute (default above 100 tools)"),
});

export type CreateSessionBody = z.output<typeof createSessionBody>;

/** Allowed app keys from the Composio `toolkits` shapes ({enable}, {disable}, a plain list). */
export function toolkitsOf(body: CreateSessionBody, sandboxOrigin?: string): string[] | undefined {
  const t = body.toolkits;
  if (!t) return undefined;
  if (Array.isArray(t)) return t;
  if ("enable" in t) return t.enable;
  if ("enabled" in t) return t.enabled;
  const off = new Set(("disable" in t ? t.disable : t.disabled).map((k) => k.toLowerCase()));
  return appsWithActions({ sandboxOrigin }).filter((k) => !off.has(k));
}

/** Allowed action names from the per-toolkit `tools` ({enable: [...]} or a list; others ignored). */
export function toolsOf(body: CreateSessionBody): string[] | undefined {
  if (!body.tools) return undefined;
  const names = Object.values(body.tools).flatMap((t) =>
    Array.isArray(t) ? t : "enable" in t ? t.enable : "enabled" in t ? t.enabled : [],
  );
  return names.length > 0 ? names : undefined;
}

const mcp = z.object({ type: z.literal("http"), url: z.string() });
const config = z.object({
  user_id: z.string(),
  toolkits: z.object({ enabled: z.array(z.string()) }),
  tools: z.record(z.string(), z.object({ enabled: z.array(z.string()) })).optional(),
  connected_accounts: z.record(z.string(), z.array(z.string())),
  execute: z.object({ enable_multi_execute: z.boolean() }),
  search: z.object({ enable: z.boolean() }),
  preload: z.object({ tools: z.array(z.string()) }),
});

export const session = z.object({
  session_id: z.string(),
  mcp,
  tool_router_tools: z.array(z.string()),
  config,
  config_version: z.number().int(),
  mode: z.enum(["direct", "meta"]),
  tool_count: z.number().int(),
  status: z.enum(["ACTIVE", "EXPIRED", "REVOKED"]),
  created_at: z.string(),
  expires_at: z.string(),
  last_used_at: z.string().nullable(),
});

export const sessionCreated = session.extend({
  token: z
    .string()
    .describe("The session token (shown once): send it as Authorization: Bearer to the MCP URL"),
});

export const sessionDeleted = z.object({ session_id: z.string(), deleted: z.literal(true) });

function toolsConfig(view: ToolSessionView) {
  if (!view.tools) return undefined;
  const byApp: Record<string, { enabled: string[] }> = {};
  for (const name of view.tools) {
    const app = view.toolkits.find((k) => name.startsWith(`${k.toUpperCase()}_`)) ?? "other";
    (byApp[app] ??= { enabled: [] }).enabled.push(name);
  }
  return byApp;
}

/** A session in the wire shape; `direct` lists the session's tool names when it is in direct mode. */
export function sessionOut(
  view: ToolSessionView,
  publicUrl: string,
  directTools: string[],
): z.input<typeof session> {
  const status = view.revokedAt
    ? "REVOKED"
    : view.expiresAt.getTime() <= Date.now()
      ? "EXPIRED"
      : "ACTIVE";
  const meta = view.mode === "meta";
  return {
    session_id: view.id,
    mcp: { type: "http", url: mcpUrl(publicUrl, view.id) },
    tool_router_tools: meta ? Object.values(META_TOOLS) : directTools.map(modelToolName),
    config: {
      user_id: view.userId,
      toolkits: { enabled: view.toolkits },
      ...(view.tools ? { tools: toolsConfig(view) } : {}),
      connected_accounts: view.connectedAccounts,
      execute: { enable_multi_execute: meta },
      search: { enable: meta },
      preload: { tools: [] },
    },
    config_version: 1,
    mode: view.mode,
    tool_count: view.toolCount,
    status,
    created_at: view.createdAt.toISOString(),
    expires_at: view.expiresAt.toISOString(),
    last_used_at: view.lastUsedAt?.toISOString() ?? null,
  };
}
