// GET /api/bench/floor – constant answer: the framework's own floor for the benchmark
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true });
}
