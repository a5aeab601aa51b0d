// What one playground run returned: status, HTTP status, duration, the app's answer as JSON.
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";

export interface RunOutcome {
  successful: boolean;
  error: string | null;
  httpStatus: number | null;
  durationMs: number;
  data: Record<string, unknown>;
  logId: string;
  connectionId: string;
}

export function RunResult({ outcome: o, logsHref }: { outcome: RunOutcome; logsHref: string }) {
  return (
    <section aria-label="Result" className="space-y-3">
      {/* Only the summary line is announced, not the whole response. */}
      <div role="status" className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <span data-testid="run-status">
          <Badge tone={o.successful ? "green" : "red"} dot>
            {o.successful ? "success" : "error"}
          </Badge>
        </span>
        <span className="text-slate-700">
          HTTP{" "}
          <span className="font-medium text-slate-900 tabular-nums">{o.httpStatus ?? "—"}</span>
        </span>
        <span className="text-slate-700">
          <span className="font-medium text-slate-900 tabular-nums">{o.durationMs}</span> ms
        </span>
        <span className="ml-auto flex flex-wrap gap-x-4">
          <Link href={logsHref} className="text-brand-700 font-medium hover:underline">
            Log entry {o.logId}
          </Link>
          <Link
            href={`/connections/${o.connectionId}`}
            className="text-brand-700 font-medium hover:underline"
          >
            Connection
          </Link>
        </span>
      </div>
      {o.error ? <Alert tone="error">{o.error}</Alert> : null}
      <pre
        data-testid="action-response"
        tabIndex={0}
        aria-label="Response"
        className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-950 p-4 font-mono text-xs leading-relaxed text-slate-100"
      >
        {JSON.stringify(o.data, null, 2)}
      </pre>
    </section>
  );
}
