// GET /api/dashboard/search?q= – typeahead for the dashboard's search box (operator session)
import { authorize } from "@/lib/auth/session";
import { AppError } from "@/lib/core/errors";
import { searchEverything } from "@/lib/core/search";
import { randomToken } from "@/lib/crypto";
import { toAppError } from "@/lib/http/api-errors";

export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

export async function GET(req: Request): Promise<Response> {
  try {
    const ctx = await authorize("read");
    const q = (new URL(req.url).searchParams.get("q") ?? "").slice(0, 200);
    const r = await searchEverything(ctx.deps, { projectId: ctx.project.id, q });
    return Response.json(
      {
        q: r.q,
        entities: r.entities.map((e) => ({
          external_id: e.externalId,
          connection_count: e.connectionCount,
        })),
        connections: r.connections.map((c) => ({
          id: c.id,
          entity_id: c.entityId,
          app_key: c.appKey,
          status: c.status,
          upstream_login: c.upstreamLogin,
          match: c.match,
        })),
        more_entities: r.moreEntities,
        more_connections: r.moreConnections,
      },
      { headers: noStore },
    );
  } catch (err) {
    const e = err instanceof AppError ? err : toAppError(err, `req_${randomToken(9)}`);
    return Response.json(
      { error: { message: e.message, code: e.code } },
      { status: e.status, headers: noStore },
    );
  }
}
