// Count, error rate and p50/p95 duration of the executions matching the filters (all pages).

/** A duration for people: one decimal under 10 ms (percentiles interpolate), whole ms above. */
export function formatMs(ms: number | null): string {
  if (ms === null) return "—";
  return `${ms < 10 ? Math.round(ms * 10) / 10 : Math.round(ms)} ms`;
}

function errorRate(total: number, errors: number): string {
  if (total === 0) return "—";
  const pct = (errors / total) * 100;
  return `${Number.isInteger(pct) ? pct : pct.toFixed(1)}%`;
}

export function StatsStrip({
  stats,
}: {
  stats: { total: number; errors: number; p50: number | null; p95: number | null };
}) {
  const items = [
    { id: "total", label: "Executions", value: stats.total.toLocaleString("en-US") },
    {
      id: "error-rate",
      label: "Error rate",
      value: errorRate(stats.total, stats.errors),
      note: stats.errors ? `${stats.errors.toLocaleString("en-US")} failed` : undefined,
    },
    { id: "p50", label: "p50 duration", value: formatMs(stats.p50) },
    { id: "p95", label: "p95 duration", value: formatMs(stats.p95) },
  ];
  return (
    <dl aria-label="Stats for these filters" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {items.map((i) => (
        <div key={i.id} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
          <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase">
            {i.label}
          </dt>
          <dd className="mt-1 flex items-baseline gap-2">
            <span
              data-testid={`stat-${i.id}`}
              className="text-2xl font-semibold text-slate-900 tabular-nums"
            >
              {i.value}
            </span>
            {i.note ? <span className="text-xs text-red-700">{i.note}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
