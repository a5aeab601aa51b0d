// GET /api/dashboard/logs/export?format=csv|ndjson&<the Logs page's filters> – the project's
// execution log as a streamed download (operator session, read permission).
import { parseLogParams } from "@/app/(dashboard)/logs/_lib/filters";
import { withOperator } from "@/lib/auth/route";
import type { OperatorContext } from "@/lib/auth/session";
import { AppError } from "@/lib/core/errors";
import { exportLines, type ExportFormat } from "@/lib/core/execution-export";

export const dynamic = "force-dynamic";

const TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
};

function exportResponse(ctx: OperatorContext, req: Request): Response {
  const params = new URL(req.url).searchParams;
  const format = params.get("format") ?? "csv";
  if (format !== "csv" && format !== "ndjson")
    throw new AppError("bad_request", "format: must be csv or ndjson");
  const raw: Record<string, string> = {};
  for (const [k, v] of params) if (k !== "preset" && k !== "after") raw[k] ??= v;
  const parsed = parseLogParams(raw, new Date(), () => "");
  if (parsed.errors.length > 0) throw new AppError("bad_request", parsed.errors.join(" "));
  const lines = exportLines(ctx.deps, { ...parsed.filter, projectId: ctx.project.id }, format);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
  return new Response(body, {
    headers: {
      "content-type": TYPES[format],
      "content-disposition": `attachment; filename="keyport-logs-${stamp}.${format}"`,
      "cache-control": "no-store",
    },
  });
}

export const GET = withOperator("read", (ctx, req) => Promise.resolve(exportResponse(ctx, req)));
