// GET /api/dashboard/connections/{id} – a connection's live status for the dashboard (operator session)
import { withOperator } from "@/lib/auth/route";
import { getConnection } from "@/lib/core/connections";

export const dynamic = "force-dynamic";

export const GET = withOperator<{ id: string }>("read", async (ctx, _req, { id }) => {
  const c = await getConnection(ctx.deps, { projectId: ctx.project.id, id });
  return { status: c.status, statusReason: c.statusReason, upstreamIdentity: c.upstreamIdentity };
});
