// One row per execution: when, what, for whom, how it went, and through which connection.
// Five columns, each with a second line (app, connection, error), so it fits a 1024 px screen.
import Link from "next/link";
import { ActionName } from "@/components/action-name";
import { AppLogo } from "@/components/app-logo";
import { entityHref } from "@/components/connection-table";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { Execution } from "@/db/schema";

const day = new Intl.DateTimeFormat("en-GB", { month: "short", day: "numeric", timeZone: "UTC" });
const clock = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZone: "UTC",
});

const muted = <span className="text-slate-400">—</span>;

export function ExecutionTable({
  items,
  apps,
}: {
  items: Execution[];
  apps: ReadonlyMap<string, { name: string; logo: string }>;
}) {
  return (
    <Table label="Executions">
      <THead>
        <TR>
          <TH>Time</TH>
          <TH>Action</TH>
          <TH>Entity</TH>
          <TH>Status</TH>
          <TH className="text-right">Duration</TH>
        </TR>
      </THead>
      <TBody>
        {items.map((e) => {
          const app = apps.get(e.appKey);
          return (
            // The playground links to a run as /logs?…#log_…: the row is highlighted.
            <TR key={e.id} id={e.id} className="target:bg-amber-50">
              <TD className="whitespace-nowrap tabular-nums">
                <Link
                  href={`/logs/${e.id}`}
                  className="hover:underline"
                  aria-label={`Execution ${e.id} details`}
                >
                  <time dateTime={e.at.toISOString()} title={e.at.toISOString()}>
                    <span className="block">{clock.format(e.at)}</span>
                    <span className="block text-xs text-slate-600">{day.format(e.at)}</span>
                  </time>
                </Link>
              </TD>
              <TD>
                {/* Widths on blocks, not cells: an auto-layout table ignores a cell's max-width. */}
                <div className="max-w-60 min-w-40">
                  <ActionName name={e.action} />
                  <span className="mt-1 flex items-center gap-1.5 text-xs text-slate-600">
                    {app ? <AppLogo logo={app.logo} size={16} /> : null}
                    {app?.name ?? e.appKey}
                  </span>
                </div>
              </TD>
              <TD>
                <div className="w-28">
                  {e.entityId ? (
                    <Link
                      href={entityHref(e.entityId)}
                      className="block truncate hover:underline"
                      title={e.entityId}
                    >
                      {e.entityId}
                    </Link>
                  ) : (
                    muted
                  )}
                  {e.connectionId ? (
                    <Link
                      href={`/connections/${e.connectionId}`}
                      className="text-brand-700 mt-1 block truncate font-mono text-xs hover:underline"
                      title={e.connectionId}
                      aria-label={`Connection ${e.connectionId}`}
                    >
                      {e.connectionId}
                    </Link>
                  ) : null}
                </div>
              </TD>
              <TD>
                <div className="max-w-40">
                  <span className="flex items-center gap-2 whitespace-nowrap">
                    <Badge tone={e.status === "success" ? "green" : "red"} dot>
                      {e.status}
                    </Badge>
                    <span className="text-xs text-slate-600 tabular-nums">
                      {e.outcome === "refused"
                        ? "refused by Keyport"
                        : e.httpStatus === null
                          ? "no response"
                          : `HTTP ${e.httpStatus}`}
                    </span>
                  </span>
                  {e.error ? (
                    <span className="mt-1 block truncate text-xs text-red-800" title={e.error}>
                      {e.error}
                    </span>
                  ) : null}
                </div>
              </TD>
              <TD className="text-right whitespace-nowrap tabular-nums">{e.durationMs} ms</TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
