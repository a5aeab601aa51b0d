// Where a session's MCP endpoint lives (outside /api/v3.1: it speaks JSON-RPC, not the REST face).
export const MCP_PATH = /^\/api\/tool_router\/([^/]+)\/mcp\/?$/;

/** The MCP URL of a session. */
export const mcpUrl = (publicUrl: string, sessionId: string) =>
  `${publicUrl.replace(/\/$/, "")}/api/tool_router/${encodeURIComponent(sessionId)}/mcp`;
