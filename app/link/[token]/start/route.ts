// /link/{token}/start – POST: start the connect flow (same-site, CSRF token); GET: bind the browser.
import { bindLinkBrowser, startLinkFlow } from "@/lib/http/link-start";
import { deps as getDeps } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export async function POST(
  req: Request,
  ctx: { params: Promise<{ token: string }> },
): Promise<Response> {
  const { token } = await ctx.params;
  return startLinkFlow(await getDeps(), req, token);
}

export async function GET(
  req: Request,
  ctx: { params: Promise<{ token: string }> },
): Promise<Response> {
  const { token } = await ctx.params;
  return bindLinkBrowser(await getDeps(), req, token);
}
