// The v3.1 API, one entry per operation: the routes under app/api/v3.1 serve these entries through
// `apiOperation`, and lib/http/openapi.ts documents them. Adding a route means adding its entry here.
import { operation } from "./operation";
import * as r from "./v3-responses";
import * as s from "./v3-schemas";
import { eraseEntityOperation } from "./entity-operations";
import { WEBHOOK_OPERATIONS } from "./webhook-operations";

export * from "./entity-operations";
export * from "./webhook-operations";
import * as trs from "./tool-router";

const V3 = "/api/v3.1";

export const listToolkits = operation({
  method: "get",
  path: `${V3}/toolkits`,
  id: "listToolkits",
  tag: "Toolkits",
  summary: "List the app catalog",
  query: s.toolkitsQuery,
  response: r.page(r.toolkit),
  responseNote:
    "A page of toolkits: `{items, next_cursor, total_pages, current_page, total_items}`.",
});

export const getToolkit = operation({
  method: "get",
  path: `${V3}/toolkits/{slug}`,
  id: "getToolkit",
  tag: "Toolkits",
  summary: "Get one toolkit with the fields each auth scheme needs",
  response: r.toolkitDetail,
  responseNote:
    "The toolkit, with `auth_config_details[].fields.{auth_config_creation, connected_account_initiation}`.",
});

export const listTools = operation({
  method: "get",
  path: `${V3}/tools`,
  id: "listTools",
  tag: "Tools",
  summary: "List tools (actions)",
  query: s.toolsQuery,
  response: r.page(r.tool),
  responseNote: "A page of tools, each with `input_parameters` (JSON Schema).",
});

export const getTool = operation({
  method: "get",
  path: `${V3}/tools/{slug}`,
  id: "getTool",
  tag: "Tools",
  summary: "Get one tool",
  response: r.tool,
  responseNote:
    "The tool: `slug, name, description, toolkit, input_parameters, output_parameters, scopes, tags, version`.",
});

export const executeTool = operation({
  method: "post",
  path: `${V3}/tools/execute/{slug}`,
  id: "executeTool",
  tag: "Tools",
  summary: "Execute a tool as a user or through one connected account",
  body: ["ExecuteToolRequest", s.executeBody],
  response: r.executeResult,
  responseNote:
    "`{data, error, successful, log_id}`; an upstream failure is `successful: false` with a readable `error`.",
});

export const proxyRequest = operation({
  method: "post",
  path: `${V3}/tools/execute/proxy`,
  id: "proxyRequest",
  tag: "Tools",
  summary: "Send a raw request for a connected account, relative to the app's API base",
  body: ["ProxyRequest", s.proxyBody],
  response: r.proxyResult,
  responseNote: "The upstream answer: `{data, status, headers, log_id}`.",
});

export const listAuthConfigs = operation({
  method: "get",
  path: `${V3}/auth_configs`,
  id: "listAuthConfigs",
  tag: "Auth configs",
  summary: "List the project's auth configs",
  query: s.authConfigsQuery,
  response: r.page(r.authConfig),
  responseNote: "A page of auth configs; secrets only as set / not set.",
});

export const createAuthConfig = operation({
  method: "post",
  path: `${V3}/auth_configs`,
  id: "createAuthConfig",
  tag: "Auth configs",
  summary: "Create an auth config for a toolkit (your own OAuth client for OAuth toolkits)",
  body: ["CreateAuthConfigRequest", s.createAuthConfigBody],
  status: 201,
  response: r.authConfigCreated,
  responseNote: "The new auth config, also as `{toolkit, auth_config}`.",
});

export const getAuthConfig = operation({
  method: "get",
  path: `${V3}/auth_configs/{id}`,
  id: "getAuthConfig",
  tag: "Auth configs",
  summary: "Get one auth config",
  response: r.authConfig,
  responseNote: "The auth config; secrets only as set / not set.",
});

export const updateAuthConfig = operation({
  method: "patch",
  path: `${V3}/auth_configs/{id}`,
  id: "updateAuthConfig",
  tag: "Auth configs",
  summary: "Update name, client credentials, scopes or URL overrides",
  body: ["UpdateAuthConfigRequest", s.updateAuthConfigBody],
  response: r.authConfig,
  responseNote: "The updated auth config. An omitted secret stays as it was.",
});

export const deleteAuthConfig = operation({
  method: "delete",
  path: `${V3}/auth_configs/{id}`,
  id: "deleteAuthConfig",
  tag: "Auth configs",
  summary: "Delete an auth config that has no connected accounts",
  response: r.success,
  responseNote: "`{success: true}`.",
});

export const setAuthConfigStatus = operation({
  method: "patch",
  path: `${V3}/auth_configs/{id}/{status}`,
  id: "setAuthConfigStatus",
  tag: "Auth configs",
  summary: "Enable or disable an auth config",
  pathParams: { status: s.authConfigStatusParam },
  response: r.authConfigStatusChanged,
  responseNote:
    "`{success: true, auth_config}`. A disabled auth config starts no connections and runs no tools.",
});

export const listConnectedAccounts = operation({
  method: "get",
  path: `${V3}/connected_accounts`,
  id: "listConnectedAccounts",
  tag: "Connected accounts",
  summary: "List connected accounts, newest first",
  query: s.connectedAccountsQuery,
  response: r.page(r.connectedAccount),
  responseNote: "A page of connected accounts; `next_cursor` fetches the next one.",
});

export const createConnectedAccount = operation({
  method: "post",
  path: `${V3}/connected_accounts`,
  id: "createConnectedAccount",
  tag: "Connected accounts",
  summary: "Initiate a connection for a user through an auth config",
  body: ["CreateConnectedAccountRequest", s.createConnectedAccountBody],
  status: 201,
  response: r.connectedAccountCreated,
  responseNote:
    "`{id, status, redirect_url, connectionData}`: OAuth answers INITIATED with a connect link; credentials given for key-based toolkits answer ACTIVE.",
});

export const createConnectLink = operation({
  method: "post",
  path: `${V3}/connected_accounts/link`,
  id: "createConnectLink",
  tag: "Connected accounts",
  summary: "Create a hosted connect link for a user",
  body: ["CreateConnectLinkRequest", s.createLinkBody],
  status: 201,
  response: r.connectLinkCreated,
  responseNote: "`{link_token, redirect_url, expires_at, connected_account_id}`.",
});

export const getConnectedAccount = operation({
  method: "get",
  path: `${V3}/connected_accounts/{id}`,
  id: "getConnectedAccount",
  tag: "Connected accounts",
  summary: "Get one connected account",
  response: r.connectedAccount,
  responseNote:
    "The connected account: `id, toolkit, auth_config, status, status_reason, is_disabled, state, user_id, …` with masked credential hints only.",
});

export const updateConnectedAccount = operation({
  method: "patch",
  path: `${V3}/connected_accounts/{id}`,
  id: "updateConnectedAccount",
  tag: "Connected accounts",
  summary: "Replace the credentials of an API key, bearer token or basic connected account",
  body: ["UpdateConnectedAccountRequest", s.updateConnectedAccountBody],
  response: r.connectedAccountChanged,
  responseNote:
    "`{id, status, success, connected_account}`. The new credentials are checked with the app first; refused ones change nothing.",
});

export const deleteConnectedAccount = operation({
  method: "delete",
  path: `${V3}/connected_accounts/{id}`,
  id: "deleteConnectedAccount",
  tag: "Connected accounts",
  summary: "Revoke the tokens at the provider, then erase the connected account",
  query: s.deleteConnectedAccountQuery,
  response: r.connectedAccountDeleted,
  responseNote: "`{success, id, revoked, revoke_error?}`.",
});

export const setConnectedAccountStatus = operation({
  method: "patch",
  path: `${V3}/connected_accounts/{id}/status`,
  id: "setConnectedAccountStatus",
  tag: "Connected accounts",
  summary: "Enable or disable a connected account",
  body: ["ConnectedAccountStatusRequest", s.statusBody],
  response: r.success,
  responseNote: "`{success: true}`. A disabled account (INACTIVE) cannot execute.",
});

export const refreshConnectedAccount = operation({
  method: "post",
  path: `${V3}/connected_accounts/{id}/refresh`,
  id: "refreshConnectedAccount",
  tag: "Connected accounts",
  summary: "Refresh an OAuth 2 token now",
  response: r.connectedAccountRefreshed,
  responseNote:
    "`{id, status, redirect_url: null, connected_account}`; a refresh never turns an ACTIVE account into INITIATED.",
});

export const getOpenApiDocument = operation({
  method: "get",
  path: `${V3}/openapi.json`,
  id: "getOpenApiDocument",
  tag: "Meta",
  summary: "This document",
  public: true,
  response: r.openApi,
  responseNote: "The OpenAPI 3.1 document of the v3.1 API.",
});

export const createToolRouterSession = operation({
  method: "post",
  path: `${V3}/tool_router/session`,
  id: "createToolRouterSession",
  tag: "Tool router (MCP)",
  summary: "Mint an MCP session for one user's tools",
  body: ["CreateToolRouterSessionRequest", trs.createSessionBody],
  status: 201,
  response: trs.sessionCreated,
  responseNote:
    "`{session_id, mcp: {type, url}, token, tool_router_tools, config, mode, expires_at, …}`; the token is shown once.",
});

export const getToolRouterSession = operation({
  method: "get",
  path: `${V3}/tool_router/session/{id}`,
  id: "getToolRouterSession",
  tag: "Tool router (MCP)",
  summary: "Get one MCP session",
  response: trs.session,
  responseNote: "The session without its token: `{session_id, mcp, config, status, …}`.",
});

export const deleteToolRouterSession = operation({
  method: "delete",
  path: `${V3}/tool_router/session/{id}`,
  id: "deleteToolRouterSession",
  tag: "Tool router (MCP)",
  summary: "Revoke an MCP session",
  response: trs.sessionDeleted,
  responseNote: "`{session_id, deleted: true}`; its token and MCP URL stop working at once.",
});

/** Every operation, in the document's order. */
export const V3_OPERATIONS = [
  listToolkits,
  getToolkit,
  listTools,
  getTool,
  executeTool,
  proxyRequest,
  listAuthConfigs,
  createAuthConfig,
  getAuthConfig,
  updateAuthConfig,
  deleteAuthConfig,
  setAuthConfigStatus,
  listConnectedAccounts,
  createConnectedAccount,
  createConnectLink,
  getConnectedAccount,
  updateConnectedAccount,
  deleteConnectedAccount,
  setConnectedAccountStatus,
  refreshConnectedAccount,
  eraseEntityOperation,
  ...WEBHOOK_OPERATIONS,
  createToolRouterSession,
  getToolRouterSession,
  deleteToolRouterSession,
  getOpenApiDocument,
];
