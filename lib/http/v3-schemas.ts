// Input schemas of the v3.1 face (zod). The OpenAPI document is generated from these.
import { z } from "zod";
import { connectionStatuses } from "@/db/schema";
import { csvList } from "./query";

const id = (prefix: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[A-Za-z0-9]{6,40}$`), `must be an id starting with ${prefix}_`);

export const createConnectedAccountBody = z.object({
  auth_config: z.object({ id: id("ac") }),
  connection: z
    .object({
      user_id: z.string().min(1).max(200).optional(),
      callback_url: z.string().max(2000).optional(),
      state: z.record(z.string(), z.unknown()).optional(),
      data: z.record(z.string(), z.string()).optional(),
      labels: z.array(z.string().max(100)).max(20).optional(),
    })
    .default({}),
});

export const createLinkBody = z.object({
  auth_config_id: id("ac"),
  user_id: z.string().min(1).max(200),
  callback_url: z.string().max(2000).optional(),
  connection_data: z.record(z.string(), z.string()).optional(),
});

export const statusBody = z.object({ enabled: z.boolean() });

export const createAuthConfigBody = z.object({
  toolkit: z.object({ slug: z.string().min(1).max(100) }),
  auth_config: z
    .object({
      type: z.enum(["use_custom_auth", "use_composio_managed_auth"]).default("use_custom_auth"),
      authScheme: z.string().optional(),
      auth_scheme: z.string().optional(),
      name: z.string().max(200).optional(),
      credentials: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
      scopes: z.union([z.string(), z.array(z.string())]).optional(),
    })
    .default({ type: "use_custom_auth" }),
});

export const updateAuthConfigBody = z.object({
  type: z.enum(["custom", "default"]).optional(),
  name: z.string().max(200).optional(),
  credentials: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  scopes: z.union([z.string(), z.array(z.string())]).optional(),
});

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(20),
  cursor: z.string().max(500).optional(),
});

/** Tools: `@composio/core` asks `limit=9999` when it looks tools up by slug; a larger page is clamped, not refused. */
export const TOOL_PAGE_MAX = 5000;
export const toolListQuery = listQuery.extend({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .transform((n) => Math.min(n, TOOL_PAGE_MAX)),
});

export const executeBody = z
  .object({
    user_id: z.string().min(1).max(200).optional(),
    entity_id: z.string().min(1).max(200).optional(),
    connected_account_id: z.string().max(100).optional(),
    arguments: z.record(z.string(), z.unknown()).default({}),
    version: z.string().max(50).optional(),
    text: z.string().max(10_000).optional(),
  })
  .refine((b) => b.user_id || b.entity_id || b.connected_account_id, {
    message: "give user_id or connected_account_id",
    path: ["user_id"],
  });

export const proxyBody = z.object({
  connected_account_id: z.string().min(1).max(100),
  endpoint: z.string().min(1).max(2000),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]),
  body: z.unknown().optional(),
  parameters: z
    .array(
      z.object({
        name: z.string().min(1).max(200),
        value: z.union([z.string(), z.number()]).transform(String),
        type: z.enum(["header", "query"]),
      }),
    )
    .max(50)
    .optional(),
});

export const authConfigStatusParam = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(["ENABLED", "DISABLED"], { error: "status must be ENABLED or DISABLED" }));

export const updateConnectedAccountBody = z.object({
  alias: z.string().max(100).optional(),
  connection: z
    .object({
      state: z.object({
        authScheme: z.string().min(1).max(50),
        val: z.record(z.string().max(100), z.string().max(4000).nullable()),
      }),
    })
    .optional(),
});

// Query strings (lib/http/operation.ts builds the object they parse: lists may come repeated,
// comma-joined or as `name[]`).
export const connectedAccountsQuery = listQuery.extend({
  user_ids: csvList("Your users' ids"),
  toolkit_slugs: csvList("Toolkit slugs"),
  auth_config_ids: csvList("Auth config ids (ac_…)"),
  statuses: csvList("INITIATED, ACTIVE, FAILED, EXPIRED, INACTIVE or REVOKED").pipe(
    z
      .array(
        z
          .string()
          .transform((v) => v.toUpperCase())
          .pipe(
            z.enum(connectionStatuses, { error: (i) => `unknown status "${String(i.input)}"` }),
          ),
      )
      .optional(),
  ),
  connected_account_ids: csvList("Connected account ids (ca_…)"),
  labels: csvList("Labels"),
  order_direction: z
    .enum(["asc", "desc"])
    .default("desc")
    .describe("desc: newest first (the default); asc: oldest first"),
});

const words = (what: string) => z.string().max(200).optional().describe(what);

export const toolsQuery = toolListQuery.extend({
  toolkit_slug: csvList("Toolkit slugs"),
  toolkit_slugs: csvList("Toolkit slugs (the same as toolkit_slug)"),
  tool_slugs: csvList("Tool slugs"),
  tags: csvList("Tags"),
  query: words("Words that must all occur in the tool's name or description"),
  search: words("The same as query"),
});

export const toolkitsQuery = z.object({
  category: z.string().max(100).optional().describe("A category slug, e.g. developer-tools"),
  search: words("Part of the toolkit's name or slug"),
});

export const authConfigsQuery = z.object({
  toolkit_slug: z.string().max(100).optional().describe("Only this toolkit's auth configs"),
});

export const deleteConnectedAccountQuery = z.object({
  revoke_on_delete: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1")
    .describe("Revoke the tokens at the provider before erasing them (default true)"),
});
