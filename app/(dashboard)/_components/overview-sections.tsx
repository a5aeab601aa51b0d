// The overview's cards. Each one loads its own numbers, so the page streams them in behind
// skeletons of the same height (see section-frame.tsx) instead of waiting for the slowest.
import Link from "next/link";
import { AppLogo } from "@/components/app-logo";
import { entityHref, type AppSummary } from "@/components/connection-table";
import { StatusBadge } from "@/components/status-badge";
import { Time } from "@/components/time";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ConnectionStatus } from "@/db/schema";
import {
  connectionsCreatedPerDay,
  connectionsNeedingAttention,
  executionsPerHour,
  recentFailures,
  type ConnectionCounts,
} from "@/lib/core/overview";
import type { Deps } from "@/lib/core/deps";
import { formatCount, formatDay, formatHour, formatRate } from "./format";
import { ChartFigure } from "./chart-figure";
import { SectionBody, SectionFrame } from "./section-frame";

interface Scope {
  deps: Deps;
  projectId: string;
}

const statusWords: Record<ConnectionStatus, string> = {
  INITIATED: "Initiated",
  ACTIVE: "Active",
  FAILED: "Failed",
  EXPIRED: "Expired",
  INACTIVE: "Inactive",
  REVOKED: "Revoked",
};

const statusBar: Record<ConnectionStatus, string> = {
  INITIATED: "bg-brand-500",
  ACTIVE: "bg-green-600",
  FAILED: "bg-red-600",
  EXPIRED: "bg-amber-500",
  INACTIVE: "bg-slate-400",
  REVOKED: "bg-slate-600",
};

const link = "text-brand-700 hover:underline";
const muted = <span className="text-slate-500">—</span>;

/** Connections per status: one row each, with a bar scaled to the largest. */
export function StatusSection({ counts }: { counts: ConnectionCounts }) {
  const max = Math.max(1, ...counts.byStatus.map((s) => s.count));
  return (
    <SectionFrame
      title="Connections by status"
      description={`${formatCount(counts.total, counts.capped)} in total`}
    >
      <SectionBody height="h-64">
        <ul className="space-y-2.5" aria-label="Connections by status">
          {counts.byStatus.map((s) => (
            <li key={s.status} className="grid grid-cols-[6.5rem_1fr_5rem] items-center gap-3">
              <Link
                href={`/connections?status=${s.status}`}
                className="text-sm font-medium text-slate-800 hover:underline"
              >
                {statusWords[s.status]}
              </Link>
              <span aria-hidden="true" className="h-2 rounded-full bg-slate-100">
                <span
                  className={`block h-2 rounded-full ${statusBar[s.status]}`}
                  style={{ width: `${s.count === 0 ? 0 : Math.max(2, (s.count / max) * 100)}%` }}
                />
              </span>
              <span className="text-right text-sm text-slate-800 tabular-nums">
                {formatCount(s.count, s.capped)}
              </span>
            </li>
          ))}
        </ul>
        {counts.capped ? (
          <p className="mt-4 text-xs text-slate-600">
            Counts stop at {formatCount(counts.cap)} per app and status.
          </p>
        ) : null}
      </SectionBody>
    </SectionFrame>
  );
}

const APPS_SHOWN = 6;

/** Connections per app: total, active and broken, the biggest apps first. */
export function AppsSection({
  counts,
  apps,
}: {
  counts: ConnectionCounts;
  apps: ReadonlyMap<string, AppSummary>;
}) {
  const shown = counts.byApp.slice(0, APPS_SHOWN);
  const rest = counts.byApp.length - shown.length;
  return (
    <SectionFrame
      title="Connections by app"
      description={`${counts.byApp.length} app${counts.byApp.length === 1 ? "" : "s"} with connections`}
    >
      <SectionBody height="h-64" flush>
        {shown.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-600">No connections yet.</p>
        ) : (
          <Table label="Connections by app">
            <THead>
              <TR>
                <TH>App</TH>
                <TH className="text-right">Total</TH>
                <TH className="text-right">Active</TH>
                <TH className="text-right">Failed / expired</TH>
              </TR>
            </THead>
            <TBody>
              {shown.map((a) => {
                const app = apps.get(a.appKey);
                const broken = a.counts.FAILED + a.counts.EXPIRED;
                return (
                  <TR key={a.appKey}>
                    <TD className="py-2">
                      <Link
                        href={`/connections?app=${encodeURIComponent(a.appKey)}`}
                        className="flex items-center gap-2 font-medium whitespace-nowrap text-slate-900 hover:underline"
                      >
                        {app ? <AppLogo logo={app.logo} size={18} /> : null}
                        {app?.name ?? a.appKey}
                      </Link>
                    </TD>
                    <TD className="py-2 text-right tabular-nums">
                      {formatCount(a.total, a.capped)}
                    </TD>
                    <TD className="py-2 text-right tabular-nums">
                      {formatCount(a.counts.ACTIVE, a.counts.ACTIVE >= counts.cap)}
                    </TD>
                    <TD
                      className={`py-2 text-right tabular-nums ${broken ? "font-medium text-red-800" : ""}`}
                    >
                      {formatCount(broken)}
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
        {rest > 0 ? (
          <p className="px-5 py-2 text-xs text-slate-600">
            and {rest} more app{rest === 1 ? "" : "s"}.
          </p>
        ) : null}
      </SectionBody>
    </SectionFrame>
  );
}

const DAYS = 30;

/** New connections per day, last 30 days. */
export async function CreatedSection({ deps, projectId }: Scope) {
  const days = await connectionsCreatedPerDay(deps, { projectId, days: DAYS });
  const total = days.reduce((n, d) => n + d.count, 0);
  const estimated = days.some((d) => d.estimated);
  const busiest = days.reduce((a, b) => (b.count > a.count ? b : a), days[0]!);
  const approx = (n: number, e: boolean) => `${e ? "≈ " : ""}${formatCount(n)}`;
  return (
    <SectionFrame title="New connections" description={`Created per day, last ${DAYS} days (UTC)`}>
      <SectionBody height="h-72">
        <ChartFigure
          label={`Connections created per day, last ${DAYS} days`}
          summaryTestId="created-summary"
          summary={
            <>
              {approx(total, estimated)} in {DAYS} days
              {busiest.count > 0
                ? ` · busiest ${formatDay(busiest.day)} (${approx(busiest.count, busiest.estimated)})`
                : ""}
            </>
          }
          data={days.map((d) => ({ label: formatDay(d.day), created: d.count }))}
          series={[{ key: "created", label: "Created", color: "#2259d1" }]}
          table={{
            columns: ["Day", "Created"],
            rows: days.map((d) => [formatDay(d.day), approx(d.count, d.estimated)]),
          }}
        />
      </SectionBody>
    </SectionFrame>
  );
}

const HOURS = 24;

/** Executions per hour with errors stacked on top, last 24 hours. */
export async function ExecutionsSection({ deps, projectId }: Scope) {
  const hours = await executionsPerHour(deps, { projectId, hours: HOURS });
  const total = hours.reduce((n, h) => n + h.total, 0);
  const errors = hours.reduce((n, h) => n + h.errors, 0);
  const estimated = hours.some((h) => h.estimated);
  const approx = estimated ? "≈ " : "";
  return (
    <SectionFrame title="Executions" description={`Per hour, last ${HOURS} hours (UTC)`}>
      <SectionBody height="h-72">
        <ChartFigure
          label={`Executions per hour, last ${HOURS} hours`}
          summaryTestId="executions-summary"
          summary={
            <>
              {approx}
              {formatCount(total)} execution{total === 1 ? "" : "s"} · {approx}
              {formatCount(errors)} error{errors === 1 ? "" : "s"} ·{" "}
              <strong className={errors > 0 ? "font-semibold text-red-800" : "font-semibold"}>
                {formatRate(errors, total)} error rate
              </strong>
            </>
          }
          data={hours.map((h) => ({
            label: formatHour(h.hour),
            succeeded: h.total - h.errors,
            failed: h.errors,
          }))}
          series={[
            { key: "succeeded", label: "Succeeded", color: "#2259d1" },
            { key: "failed", label: "Failed", color: "#dc2626" },
          ]}
          table={{
            columns: ["Hour (UTC)", "Executions", "Errors", "Error rate"],
            rows: hours.map((h) => [
              formatHour(h.hour),
              `${h.estimated ? "≈ " : ""}${formatCount(h.total)}`,
              `${h.estimated ? "≈ " : ""}${formatCount(h.errors)}`,
              formatRate(h.errors, h.total),
            ]),
          }}
        />
        {estimated ? (
          <p className="mt-1 text-xs text-slate-600">
            ≈ Busy hours are estimated from their first executions.
          </p>
        ) : null}
      </SectionBody>
    </SectionFrame>
  );
}

const ATTENTION_LIMIT = 8;

/** FAILED, EXPIRED and refresh-failing connections, each linked. */
export async function AttentionSection({
  deps,
  projectId,
  apps,
}: Scope & { apps: ReadonlyMap<string, AppSummary> }) {
  const items = await connectionsNeedingAttention(deps, { projectId, limit: ATTENTION_LIMIT });
  return (
    <SectionFrame
      title="Needs attention"
      description="Failed, expired, or the token refresh keeps failing"
      actions={
        <span className="flex gap-3 text-sm">
          <Link href="/connections?status=FAILED" className={link}>
            All failed
          </Link>
          <Link href="/connections?status=EXPIRED" className={link}>
            All expired
          </Link>
        </span>
      }
    >
      <SectionBody height="h-80" flush scrollLabel="Needs attention">
        {items.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-600">
            Nothing needs attention: no failed or expired connections.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {items.map((c) => {
              const app = apps.get(c.appKey);
              return (
                <li key={c.id} className="px-5 py-3" data-testid="attention-item">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    {c.kind === "refresh_failing" ? (
                      <Badge tone="amber" dot>
                        Refresh failing
                      </Badge>
                    ) : (
                      <StatusBadge status={c.status} />
                    )}
                    <span className="flex items-center gap-1.5 text-sm font-medium text-slate-900">
                      {app ? <AppLogo logo={app.logo} size={16} /> : null}
                      {app?.name ?? c.appKey}
                    </span>
                    <Link href={entityHref(c.entityId)} className={`${link} text-sm`}>
                      {c.entityId}
                    </Link>
                    <Link
                      href={`/connections/${c.id}`}
                      className={`${link} font-mono text-xs`}
                      aria-label={`Connection ${c.id}`}
                    >
                      {c.id}
                    </Link>
                  </div>
                  {c.reason ? (
                    <p className="mt-1 line-clamp-2 text-sm text-slate-700">{c.reason}</p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </SectionBody>
    </SectionFrame>
  );
}

const FAILURE_LIMIT = 8;

/** The newest failed executions, linked to their connection and entity. */
export async function FailuresSection({ deps, projectId }: Scope) {
  const items = await recentFailures(deps, { projectId, limit: FAILURE_LIMIT });
  return (
    <SectionFrame
      title="Recent failures"
      description="Failed executions, last 7 days"
      actions={
        <Link href="/logs" className={`${link} text-sm`}>
          All logs
        </Link>
      }
    >
      <SectionBody height="h-80" flush scrollLabel="Recent failures">
        {items.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-600">No failed executions in 7 days.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {items.map((x) => (
              <li key={x.id} className="px-5 py-3">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                  <span className="font-mono text-xs font-medium text-slate-900">{x.action}</span>
                  {x.httpStatus ? <Badge tone="red">HTTP {x.httpStatus}</Badge> : null}
                  <span className="text-slate-600">
                    <Time value={x.at} />
                  </span>
                </div>
                <p className="mt-1 line-clamp-2 text-sm text-slate-700">
                  {x.error ?? "No error message"}
                </p>
                <p className="mt-1 flex flex-wrap gap-x-3 text-xs">
                  {x.entityId ? (
                    <Link href={entityHref(x.entityId)} className={link}>
                      {x.entityId}
                    </Link>
                  ) : (
                    muted
                  )}
                  {x.connectionId ? (
                    <Link
                      href={`/connections/${x.connectionId}`}
                      className={`${link} font-mono`}
                      aria-label={`Connection ${x.connectionId}`}
                    >
                      {x.connectionId}
                    </Link>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        )}
      </SectionBody>
    </SectionFrame>
  );
}
