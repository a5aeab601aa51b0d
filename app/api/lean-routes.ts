// The routes served on the lean path (lib/server/lean-routes.ts, server/lean.ts): each entry is
// the route module Next serves the same path from, so both paths run the same exported handler
// (authentication, input guards, tenancy, error shapes, request ids). A static path is listed
// before a template that would also match it (proxy before {slug}), as Next prefers it.
// Adding a route is one line here; everything else under /api stays with Next.
import type { LeanRoute } from "@/lib/server/lean-routes";
import * as mcp from "./tool_router/[id]/mcp/route";
import * as v2Execute from "./v2/actions/[name]/execute/route";
import * as v2Proxy from "./v2/actions/proxy/route";
import * as v31Proxy from "./v3.1/tools/execute/proxy/route";
import * as v31Execute from "./v3.1/tools/execute/[slug]/route";
import * as v31Tool from "./v3.1/tools/[slug]/route";
import * as v31Tools from "./v3.1/tools/route";

export const leanRoutes: readonly LeanRoute[] = [
  { path: "/api/v2/actions/proxy", handlers: v2Proxy },
  { path: "/api/v2/actions/{name}/execute", handlers: v2Execute },
  { path: "/api/v3.1/tools/execute/proxy", handlers: v31Proxy },
  { path: "/api/v3.1/tools/execute/{slug}", handlers: v31Execute },
  // MCP tools/call is as hot as execute; GET (an event stream) and DELETE stay with Next.
  { path: "/api/tool_router/{id}/mcp", handlers: { POST: mcp.POST } },
  // Tool search and schemas: what an agent's backend asks before it executes (issue 15's search).
  { path: "/api/v3.1/tools", handlers: { GET: v31Tools.GET } },
  { path: "/api/v3.1/tools/{slug}", handlers: { GET: v31Tool.GET } },
];
