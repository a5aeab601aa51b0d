// GET/POST /sandbox/... – the built-in sandbox's browser pages through Keyport's own origin
// (lib/http/sandbox-proxy.ts says which pass). No operator or API key: the end user's browser.
import { proxyToSandbox } from "@/lib/http/sandbox-proxy";
import { deps as getDeps } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

async function handle(req: Request): Promise<Response> {
  const deps = await getDeps();
  return proxyToSandbox(req, deps.sandboxOrigin);
}

export const GET = handle;
export const POST = handle;
