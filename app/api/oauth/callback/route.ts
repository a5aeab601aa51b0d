// GET /api/oauth/callback – the one OAuth redirect URI: finish the flow, then 303 away from the code.
import { completeCallback } from "@/lib/core/connect-flow";
import { AppError } from "@/lib/core/errors";
import { FLOW_HEADERS, flowErrorPage, readBinding } from "@/lib/http/binding-cookie";
import { logError } from "@/lib/log";
import { deps as getDeps } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const deps = await getDeps();
  const query = new URL(req.url).searchParams;
  try {
    const location = await completeCallback(deps, query, readBinding(req, deps.publicUrl));
    return new Response(null, { status: 303, headers: { location, ...FLOW_HEADERS } });
  } catch (err) {
    if (err instanceof AppError)
      return flowErrorPage("Connection refused", err.message, err.status);
    logError("oauth callback failed", err);
    return flowErrorPage(
      "Connection failed",
      "Something went wrong while finishing the connection. Start again from the app.",
      500,
    );
  }
}
