// The MCP endpoint of a tool-router session (Streamable HTTP); lib/mcp/endpoint.ts serves it.
import { createMcpEndpoint } from "@/lib/mcp/endpoint";
import { deps } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

const serve = createMcpEndpoint(deps);

export const POST = (req: Request) => serve(req);
export const GET = (req: Request) => serve(req);
export const DELETE = (req: Request) => serve(req);
