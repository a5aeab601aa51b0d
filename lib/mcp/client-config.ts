// Ready-to-paste client configurations for a session's MCP URL: the README and the dashboard's
// "Connect an agent" panel show the same shapes.

/** A generic `{"mcpServers": {...}}` entry (Claude Desktop, Cursor, VS Code and most clients). */
export function mcpClientJson(url: string, token: string, name = "keyport"): string {
  const config = {
    mcpServers: {
      [name]: { type: "http", url, headers: { Authorization: `Bearer ${token}` } },
    },
  };
  return JSON.stringify(config, null, 2);
}

/** curl: initialize, then call one tool (Streamable HTTP wants both Accept types). */
export function mcpCurl(url: string, token: string, tool = "TOOL_NAME"): string {
  const headers = [
    `-H "Authorization: Bearer ${token}"`,
    `-H 'content-type: application/json'`,
    `-H 'accept: application/json, text/event-stream'`,
  ].join(" ");
  const init = JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: {
      protocolVersion: "2025-11-25",
      capabilities: {},
      clientInfo: { name: "curl", version: "1" },
    },
  });
  const call = JSON.stringify({
    jsonrpc: "2.0",
    id: 2,
    method: "tools/call",
    params: { name: tool, arguments: {} },
  });
  return [
    `curl -s ${headers} \\\n  -d '${init}' \\\n  ${url}`,
    `curl -s ${headers} -H 'mcp-protocol-version: 2025-11-25' \\\n  -d '${call}' \\\n  ${url}`,
  ].join("\n\n");
}
