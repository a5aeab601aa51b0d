// Route-handler wrapper for app/api/dashboard/*: operator session and permission, JSON answers
// with no caching, errors as `{error: {message, code}}` — the dashboard's twin of withApiKey.
import { AppError } from "@/lib/core/errors";
import type { Permission } from "@/lib/core/roles";
import { randomToken } from "@/lib/crypto";
import { toAppError } from "@/lib/http/api-errors";
import { authorize, type OperatorContext } from "./session";

const noStore = { "cache-control": "no-store" };

type Handler<P> = (ctx: OperatorContext, req: Request, params: P) => Promise<unknown>;

/** Wrap a dashboard route: the handler runs only for a signed-in operator holding `permission`. */
export function withOperator<P = Record<string, string>>(
  permission: Permission,
  handler: Handler<P>,
) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const ctx = await authorize(permission);
      const body = await handler(ctx, req, await route.params);
      // A handler may answer itself (a streamed download); it sets its own headers.
      if (body instanceof Response) return body;
      return Response.json(body, { headers: noStore });
    } catch (err) {
      const e = err instanceof AppError ? err : toAppError(err, `req_${randomToken(9)}`);
      return Response.json(
        { error: { message: e.message, code: e.code } },
        { status: e.status, headers: noStore },
      );
    }
  };
}
