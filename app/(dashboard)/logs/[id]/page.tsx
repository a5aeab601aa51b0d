// One execution in full (issue 13 item 2): outcome and cause, caller, request id, duration,
// provider status, and the arguments and response summary as redacted when they were logged.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { entityHref } from "@/components/connection-table";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { requireOperator } from "@/lib/auth/session";
import { AppError } from "@/lib/core/errors";
import { getExecution } from "@/lib/core/executions";

export const metadata: Metadata = { title: "Execution" };

const OUTCOME_WORDS: Record<string, string> = {
  success: "Succeeded",
  provider_error: "The provider answered an error",
  refused: "Refused by Keyport before reaching the provider",
  error: "Failed in Keyport",
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{label}</dt>
      <dd className="mt-0.5 text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

const none = <span className="text-slate-500">—</span>;

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <Card>
      <CardHeader title={label} description="Secrets and large values are redacted by rule." />
      <CardContent>
        {value === null || value === undefined ? (
          <p className="text-sm text-slate-600">Nothing recorded.</p>
        ) : (
          <pre
            className="max-h-96 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs break-words whitespace-pre-wrap text-slate-800"
            data-testid={`execution-${label.toLowerCase().replaceAll(" ", "-")}`}
          >
            {JSON.stringify(value, null, 2)}
          </pre>
        )}
      </CardContent>
    </Card>
  );
}

export default async function ExecutionPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireOperator();
  const { id } = await params;
  const e = await getExecution(ctx.deps, { projectId: ctx.project.id, id }).catch(
    (err: unknown) => {
      if (err instanceof AppError && err.code === "not_found") notFound();
      throw err;
    },
  );
  const caller = e.sessionId
    ? `MCP session ${e.sessionId}${e.callerLabel ? ` (${e.callerLabel})` : ""}`
    : (e.callerLabel ?? null);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/logs" className="text-brand-700 hover:underline">
          ← Logs
        </Link>
      </p>
      <PageHeader title={e.action} description={`Execution ${e.id}`} />
      <div className="space-y-6">
        <Card>
          <CardContent className="space-y-4">
            <p
              className="flex flex-wrap items-center gap-2 text-sm"
              data-testid="execution-outcome"
            >
              <Badge tone={e.status === "success" ? "green" : "red"} dot>
                {e.status}
              </Badge>
              <span>{OUTCOME_WORDS[e.outcome] ?? e.outcome}</span>
              {e.errorCode ? (
                <span className="font-mono text-xs text-slate-600">{e.errorCode}</span>
              ) : null}
            </p>
            {e.error ? (
              <p
                className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900"
                data-testid="execution-error"
              >
                {e.error}
              </p>
            ) : null}
            <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-4">
              <Fact label="Time (UTC)">
                <time dateTime={e.at.toISOString()}>{e.at.toISOString()}</time>
              </Fact>
              <Fact label="Request id">
                {e.requestId ? <span className="font-mono text-xs">{e.requestId}</span> : none}
              </Fact>
              <Fact label="Source">{e.source}</Fact>
              <Fact label="Caller">{caller ?? none}</Fact>
              <Fact label="Duration">{e.durationMs} ms</Fact>
              <Fact label="Provider status">
                {e.httpStatus === null ? "not called" : `HTTP ${e.httpStatus}`}
              </Fact>
              <Fact label="Entity">
                {e.entityId ? (
                  <Link href={entityHref(e.entityId)} className="text-brand-700 hover:underline">
                    {e.entityId}
                  </Link>
                ) : (
                  none
                )}
              </Fact>
              <Fact label="Connection">
                {e.connectionId ? (
                  <Link
                    href={`/connections/${e.connectionId}`}
                    className="text-brand-700 font-mono text-xs hover:underline"
                  >
                    {e.connectionId}
                  </Link>
                ) : (
                  none
                )}
              </Fact>
              <Fact label="App">{e.appKey || none}</Fact>
            </dl>
          </CardContent>
        </Card>
        <Json label="Arguments" value={e.arguments} />
        <Json label="Response summary" value={e.response} />
      </div>
    </>
  );
}
