// GET /api/health – 200 once migrations are applied and first-boot setup finished, else 503.
import { runtime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const rt = await runtime();
    return Response.json({
      ok: true,
      database: rt.handle.driver,
      sandbox: Boolean(rt.deps.sandboxOrigin),
    });
  } catch {
    return Response.json(
      { ok: false, message: "Keyport is not ready (see the server log)" },
      { status: 503 },
    );
  }
}
