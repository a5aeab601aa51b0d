// The overview's card of connections per app.
import Link from "next/link";
import { AppLogo } from "@/components/app-logo";
import { type AppSummary } from "@/components/connection-table";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { type ConnectionCounts } from "@/lib/core/overview";
import { formatCount } from "../format";
import { SectionBody, SectionFrame } from "../section-frame";

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
