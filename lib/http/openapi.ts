// The OpenAPI 3.1 document of the v3.1 API, generated from the zod schemas the routes parse with
// (lib/http/v3-schemas.ts); only the operation list and the prose are written here.
import { z } from "zod";
import { statusOf } from "@/lib/core/errors";
import * as s from "./v3-schemas";

type Method = "get" | "post" | "patch" | "delete";

interface Operation {
  method: Method;
  /** OpenAPI path template, e.g. /api/v3.1/connected_accounts/{id}. */
  path: string;
  id: string;
  tag: string;
  summary: string;
  /** [component name, schema] of the JSON body. */
  body?: [string, z.ZodType];
  query?: z.ZodType;
  /** Schemas of path parameters other than plain strings. */
  pathParams?: Record<string, z.ZodType>;
  /** What a successful answer holds. */
  response: string;
  status?: number;
  /** No API key: the document itself. */
  public?: boolean;
}

const V3 = "/api/v3.1";

const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: `${V3}/toolkits`,
    id: "listToolkits",
    tag: "Toolkits",
    summary: "List the app catalog",
    query: s.toolkitsQuery,
    response: "A page of toolkits: `{items, next_cursor, total_pages, current_page, total_items}`.",
  },
  {
    method: "get",
    path: `${V3}/toolkits/{slug}`,
    id: "getToolkit",
    tag: "Toolkits",
    summary: "Get one toolkit with the fields each auth scheme needs",
    response:
      "The toolkit, with `auth_config_details[].fields.{auth_config_creation, connected_account_initiation}`.",
  },
  {
    method: "get",
    path: `${V3}/tools`,
    id: "listTools",
    tag: "Tools",
    summary: "List tools (actions)",
    query: s.toolsQuery,
    response: "A page of tools, each with `input_parameters` (JSON Schema).",
  },
  {
    method: "get",
    path: `${V3}/tools/{slug}`,
    id: "getTool",
    tag: "Tools",
    summary: "Get one tool",
    response:
      "The tool: `slug, name, description, toolkit, input_parameters, output_parameters, scopes, tags, version`.",
  },
  {
    method: "post",
    path: `${V3}/tools/execute/{slug}`,
    id: "executeTool",
    tag: "Tools",
    summary: "Execute a tool as a user or through one connected account",
    body: ["ExecuteToolRequest", s.executeBody],
    response:
      "`{data, error, successful, log_id}`; an upstream failure is `successful: false` with a readable `error`.",
  },
  {
    method: "post",
    path: `${V3}/tools/execute/proxy`,
    id: "proxyRequest",
    tag: "Tools",
    summary: "Send a raw request for a connected account, relative to the app's API base",
    body: ["ProxyRequest", s.proxyBody],
    response: "The upstream answer: `{data, status, headers, log_id}`.",
  },
  {
    method: "get",
    path: `${V3}/auth_configs`,
    id: "listAuthConfigs",
    tag: "Auth configs",
    summary: "List the project's auth configs",
    query: s.authConfigsQuery,
    response: "A page of auth configs; secrets only as set / not set.",
  },
  {
    method: "post",
    path: `${V3}/auth_configs`,
    id: "createAuthConfig",
    tag: "Auth configs",
    summary: "Create an auth config for a toolkit (your own OAuth client for OAuth toolkits)",
    body: ["CreateAuthConfigRequest", s.createAuthConfigBody],
    status: 201,
    response: "The new auth config, also as `{toolkit, auth_config}`.",
  },
  {
    method: "get",
    path: `${V3}/auth_configs/{id}`,
    id: "getAuthConfig",
    tag: "Auth configs",
    summary: "Get one auth config",
    response: "The auth config; secrets only as set / not set.",
  },
  {
    method: "patch",
    path: `${V3}/auth_configs/{id}`,
    id: "updateAuthConfig",
    tag: "Auth configs",
    summary: "Update name, client credentials, scopes or URL overrides",
    body: ["UpdateAuthConfigRequest", s.updateAuthConfigBody],
    response: "The updated auth config. An omitted secret stays as it was.",
  },
  {
    method: "delete",
    path: `${V3}/auth_configs/{id}`,
    id: "deleteAuthConfig",
    tag: "Auth configs",
    summary: "Delete an auth config that has no connected accounts",
    response: "`{success: true}`.",
  },
  {
    method: "patch",
    path: `${V3}/auth_configs/{id}/{status}`,
    id: "setAuthConfigStatus",
    tag: "Auth configs",
    summary: "Enable or disable an auth config",
    pathParams: { status: s.authConfigStatusParam },
    response:
      "`{success: true, auth_config}`. A disabled auth config starts no connections and runs no tools.",
  },
  {
    method: "get",
    path: `${V3}/connected_accounts`,
    id: "listConnectedAccounts",
    tag: "Connected accounts",
    summary: "List connected accounts, newest first",
    query: s.connectedAccountsQuery,
    response: "A page of connected accounts; `next_cursor` fetches the next one.",
  },
  {
    method: "post",
    path: `${V3}/connected_accounts`,
    id: "createConnectedAccount",
    tag: "Connected accounts",
    summary: "Initiate a connection for a user through an auth config",
    body: ["CreateConnectedAccountRequest", s.createConnectedAccountBody],
    status: 201,
    response:
      "`{id, status, redirect_url, connectionData}`: OAuth answers INITIATED with a connect link; credentials given for key-based toolkits answer ACTIVE.",
  },
  {
    method: "post",
    path: `${V3}/connected_accounts/link`,
    id: "createConnectLink",
    tag: "Connected accounts",
    summary: "Create a hosted connect link for a user",
    body: ["CreateConnectLinkRequest", s.createLinkBody],
    status: 201,
    response: "`{link_token, redirect_url, expires_at, connected_account_id}`.",
  },
  {
    method: "get",
    path: `${V3}/connected_accounts/{id}`,
    id: "getConnectedAccount",
    tag: "Connected accounts",
    summary: "Get one connected account",
    response:
      "The connected account: `id, toolkit, auth_config, status, status_reason, is_disabled, state, user_id, …` with masked credential hints only.",
  },
  {
    method: "patch",
    path: `${V3}/connected_accounts/{id}`,
    id: "updateConnectedAccount",
    tag: "Connected accounts",
    summary: "Replace the credentials of an API key, bearer token or basic connected account",
    body: ["UpdateConnectedAccountRequest", s.updateConnectedAccountBody],
    response:
      "`{id, status, success, connected_account}`. The new credentials are checked with the app first; refused ones change nothing.",
  },
  {
    method: "delete",
    path: `${V3}/connected_accounts/{id}`,
    id: "deleteConnectedAccount",
    tag: "Connected accounts",
    summary: "Revoke the tokens at the provider, then erase the connected account",
    query: s.deleteConnectedAccountQuery,
    response: "`{success, id, revoked, revoke_error?}`.",
  },
  {
    method: "patch",
    path: `${V3}/connected_accounts/{id}/status`,
    id: "setConnectedAccountStatus",
    tag: "Connected accounts",
    summary: "Enable or disable a connected account",
    body: ["ConnectedAccountStatusRequest", s.statusBody],
    response: "`{success: true}`. A disabled account (INACTIVE) cannot execute.",
  },
  {
    method: "post",
    path: `${V3}/connected_accounts/{id}/refresh`,
    id: "refreshConnectedAccount",
    tag: "Connected accounts",
    summary: "Refresh an OAuth 2 token now",
    response:
      "`{id, status, redirect_url: null, connected_account}`; a refresh never turns an ACTIVE account into INITIATED.",
  },
  {
    method: "get",
    path: `${V3}/openapi.json`,
    id: "getOpenApiDocument",
    tag: "Meta",
    summary: "This document",
    public: true,
    response: "The OpenAPI 3.1 document of the v3.1 API.",
  },
];

/** The JSON Schema (2020-12, as OpenAPI 3.1 uses) of what a caller sends. */
function jsonSchema(schema: z.ZodType, io: "input" | "output" = "input"): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" });
  const { $schema: _ignored, ...rest } = out as Record<string, unknown>;
  return rest;
}

const apiError = z.object({
  error: z.object({
    message: z.string().describe("What went wrong, readable; never a secret"),
    code: z.enum(Object.keys(statusOf) as [string, ...string[]]),
    status: z.number().int().min(400).max(599),
    request_id: z.string(),
    suggested_fix: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

function queryParameters(query: z.ZodType) {
  const schema = jsonSchema(query) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
    ...(typeof prop.description === "string" ? { description: prop.description } : {}),
    schema: prop,
  }));
}

function pathParameters(op: Operation) {
  return [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => {
    const given = name ? op.pathParams?.[name] : undefined;
    return {
      name,
      in: "path",
      required: true,
      schema: given ? jsonSchema(given, "output") : { type: "string" },
    };
  });
}

const errorRef = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

function operation(op: Operation, schemas: Record<string, unknown>) {
  const parameters = [...pathParameters(op), ...(op.query ? queryParameters(op.query) : [])];
  if (op.body) schemas[op.body[0]] = jsonSchema(op.body[1]);
  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: { $ref: `#/components/schemas/${op.body[0]}` } },
            },
          },
        }
      : {}),
    ...(op.public ? { security: [] } : {}),
    responses: {
      [String(op.status ?? 200)]: {
        description: op.response,
        content: { "application/json": { schema: { type: "object" } } },
      },
      ...(op.public
        ? {}
        : {
            "400": errorRef("Invalid input; the message names each bad field"),
            "401": errorRef("Missing, unknown or revoked API key"),
            "404": errorRef("Not found in this project (another project's object is a 404 too)"),
          }),
    },
  };
}

let cached: Record<string, unknown> | undefined;

/** The document (built once per process). */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const schemas: Record<string, unknown> = { Error: jsonSchema(apiError, "output") };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op, schemas);
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Keyport API",
      version: "3.1",
      description:
        "Keyport's own API, wire-compatible with Composio's v3.1 API (`@composio/core`). Send your project's API key in the `x-api-key` header (or `Authorization: Bearer`), never in the query string.",
    },
    servers: [{ url: "/" }],
    security: [{ ApiKey: [] }, { Bearer: [] }],
    tags: ["Toolkits", "Tools", "Auth configs", "Connected accounts", "Meta"].map((name) => ({
      name,
    })),
    paths,
    components: {
      securitySchemes: {
        ApiKey: { type: "apiKey", in: "header", name: "x-api-key" },
        Bearer: {
          type: "http",
          scheme: "bearer",
          description: "The same API key as a bearer token",
        },
      },
      schemas,
    },
  };
  return cached;
}
