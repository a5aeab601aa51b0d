// GET /api/dashboard/connections/{id} – a connection's live status for the dashboard (operator session)
import { authorize } from "@/lib/auth/session";
import { getConnection } from "@/lib/core/connections";
import { AppError } from "@/lib/core/errors";
import { randomToken } from "@/lib/crypto";
import { toAppError } from "@/lib/http/api-errors";

export const dynamic = "force-dynamic";

export async function GET(
  _req: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  try {
    const ctx = await authorize("read");
    const { id } = await params;
    const c = await getConnection(ctx.deps, { projectId: ctx.project.id, id });
    return Response.json(
      { status: c.status, statusReason: c.statusReason, upstreamIdentity: c.upstreamIdentity },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (err) {
    const e = err instanceof AppError ? err : toAppError(err, `req_${randomToken(9)}`);
    return Response.json(
      { error: { message: e.message, code: e.code } },
      { status: e.status, headers: { "cache-control": "no-store" } },
    );
  }
}
