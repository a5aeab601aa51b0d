// GET /api/dashboard/search?q= – typeahead for the dashboard's search box (operator session)
import { withOperator } from "@/lib/auth/route";
import { searchEverything } from "@/lib/core/search";

export const dynamic = "force-dynamic";

export const GET = withOperator("read", async (ctx, req) => {
  const q = (new URL(req.url).searchParams.get("q") ?? "").slice(0, 200);
  const r = await searchEverything(ctx.deps, { projectId: ctx.project.id, q });
  return {
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
  };
});
