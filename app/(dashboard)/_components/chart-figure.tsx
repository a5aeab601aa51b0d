"use client";
// A chart of the overview with its numbers: the figure is named after what it plots and
// described by its one-line summary; the numbers are also a table, visually hidden while the
// chart shows (screen readers read it) and shown in the chart's place by "Show as table", at the
// chart's height, so nothing below moves. Tooltips are never the only way to read a bar.
import { useId, useState, type ReactNode } from "react";
import { cn, focusRing } from "@/components/ui/cn";
import { useHydrated } from "@/components/ui/use-hydrated";
import { TimeBarChart, type ChartSeries } from "./time-bar-chart";

export interface ChartTable {
  columns: string[];
  /** The first cell of a row is its header (the day or hour). */
  rows: Array<Array<string | number>>;
}

export function ChartFigure({
  label,
  summary,
  summaryTestId,
  data,
  series,
  table,
  height = 224,
}: {
  /** What the chart plots, e.g. "Executions per hour, last 24 hours". */
  label: string;
  summary: ReactNode;
  summaryTestId?: string;
  data: Array<{ label: string } & Record<string, number | string>>;
  series: ChartSeries[];
  table: ChartTable;
  height?: number;
}) {
  const id = useId();
  const hydrated = useHydrated();
  const [asTable, setAsTable] = useState(false);
  return (
    <figure aria-label={label} aria-describedby={`${id}-summary`}>
      <figcaption className="mb-2 flex items-baseline justify-between gap-3">
        <span id={`${id}-summary`} className="text-sm text-slate-700" data-testid={summaryTestId}>
          {summary}
        </span>
        <button
          type="button"
          disabled={!hydrated}
          aria-controls={`${id}-table`}
          onClick={() => setAsTable((v) => !v)}
          className={cn(
            "text-brand-700 shrink-0 rounded-sm text-sm font-medium hover:underline disabled:text-slate-500",
            focusRing,
          )}
        >
          {asTable ? "Show as chart" : "Show as table"}
        </button>
      </figcaption>
      {asTable ? (
        <div
          id={`${id}-table`}
          role="region"
          aria-label={label}
          tabIndex={0}
          style={{ height }}
          className={cn("overflow-auto rounded-md border border-slate-200", focusRing)}
        >
          <NumbersTable label={label} table={table} />
        </div>
      ) : (
        <>
          <TimeBarChart data={data} series={series} height={height} />
          {/* sr-only on a wrapper: a table ignores a 1px height and would stretch the page. */}
          <div id={`${id}-table`} className="sr-only">
            <NumbersTable label={label} table={table} />
          </div>
        </>
      )}
    </figure>
  );
}

function NumbersTable({ label, table }: { label: string; table: ChartTable }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{label}</caption>
      <thead className="sticky top-0 bg-slate-50 text-xs text-slate-600 shadow-[inset_0_-1px_0_#e2e8f0]">
        <tr>
          {table.columns.map((c, i) => (
            <th
              key={c}
              scope="col"
              className={cn("px-3 py-2 font-semibold", i > 0 && "text-right")}
            >
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {table.rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) =>
              j === 0 ? (
                <th key={j} scope="row" className="px-3 py-1.5 font-medium text-slate-900">
                  {cell}
                </th>
              ) : (
                <td key={j} className="px-3 py-1.5 text-right text-slate-800 tabular-nums">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
