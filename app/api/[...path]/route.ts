// Any /api path no route serves: the JSON error shape with 404 (not Next's HTML page).
import { AppError } from "@/lib/core/errors";
import { errorBody } from "@/lib/http/api-errors";
import { json } from "@/lib/http/with-api-key";
import { randomToken } from "@/lib/crypto";

export const dynamic = "force-dynamic";

function notFound(req: Request): Response {
  const requestId = `req_${randomToken(9)}`;
  const { pathname } = new URL(req.url);
  const e = new AppError("not_found", `No API route at ${req.method} ${pathname.slice(0, 200)}`);
  return json(errorBody(e, requestId, "v3"), e.status, { "x-request-id": requestId });
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
