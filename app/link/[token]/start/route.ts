// POST /link/{token}/start – bind the browser, create the auth flow and send the end user to the provider.
import { beginAuthorization } from "@/lib/core/connect-flow";
import { AppError } from "@/lib/core/errors";
import { openLink } from "@/lib/core/link-context";
import { ensureBinding, FLOW_HEADERS, flowErrorPage } from "@/lib/http/binding-cookie";
import { logError } from "@/lib/log";
import { deps as getDeps } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export async function POST(
  req: Request,
  ctx: { params: Promise<{ token: string }> },
): Promise<Response> {
  const { token } = await ctx.params;
  const deps = await getDeps();
  try {
    const link = await openLink(deps, token);
    const binding = ensureBinding(req, deps.publicUrl, deps.flowTtlSeconds);
    const location = await beginAuthorization(deps, link, binding.value);
    return new Response(null, {
      status: 303,
      headers: { location, "set-cookie": binding.setCookie, ...FLOW_HEADERS },
    });
  } catch (err) {
    if (err instanceof AppError) return flowErrorPage("Cannot continue", err.message, err.status);
    logError("connect start failed", err);
    return flowErrorPage(
      "Cannot continue",
      "The provider could not be reached. Try again in a moment.",
      502,
    );
  }
}
