// The overview's time series: connections created per day, executions per hour.
import { connectionsCreatedPerDay, executionsPerHour } from "@/lib/core/overview";
import { formatCount, formatDay, formatHour, formatRate } from "../format";
import { ChartFigure } from "../chart-figure";
import { SectionBody, SectionFrame } from "../section-frame";
import { type Scope } from "./shared";

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
