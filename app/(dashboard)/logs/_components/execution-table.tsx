// One row per execution: when, what, for whom, how it went, and through which connection.
import Link from "next/link";
import { AppLogo } from "@/components/app-logo";
import { entityHref } from "@/components/connection-table";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { Execution } from "@/db/schema";

const when = new Intl.DateTimeFormat("en-GB", {
  month: "short",
  day: "numeric",
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
          <TH className="whitespace-nowrap">Time (UTC)</TH>
          <TH>Action</TH>
          <TH>Entity</TH>
          <TH>App</TH>
          <TH>Status</TH>
          <TH className="text-right">HTTP</TH>
          <TH className="text-right whitespace-nowrap">Duration</TH>
          <TH>Error</TH>
          <TH>Connection</TH>
        </TR>
      </THead>
      <TBody>
        {items.map((e) => {
          const app = apps.get(e.appKey);
          return (
            // The playground links to a run as /logs?…#log_…: the row is highlighted.
            <TR key={e.id} id={e.id} className="target:bg-amber-50">
              <TD className="whitespace-nowrap tabular-nums">
                <time dateTime={e.at.toISOString()} title={e.at.toISOString()}>
                  {when.format(e.at)}
                </time>
              </TD>
              <TD className="font-mono text-xs break-all">{e.action}</TD>
              <TD className="max-w-36 truncate">
                {e.entityId ? (
                  <Link
                    href={entityHref(e.entityId)}
                    className="hover:underline"
                    title={e.entityId}
                  >
                    {e.entityId}
                  </Link>
                ) : (
                  muted
                )}
              </TD>
              <TD>
                <span className="flex items-center gap-2 whitespace-nowrap">
                  {app ? <AppLogo logo={app.logo} size={18} /> : null}
                  {app?.name ?? e.appKey}
                </span>
              </TD>
              <TD>
                <Badge tone={e.status === "success" ? "green" : "red"} dot>
                  {e.status}
                </Badge>
              </TD>
              <TD className="text-right tabular-nums">{e.httpStatus ?? muted}</TD>
              <TD className="text-right whitespace-nowrap tabular-nums">{e.durationMs} ms</TD>
              <TD className="max-w-48">
                {e.error ? (
                  <span className="block truncate text-red-800" title={e.error}>
                    {e.error}
                  </span>
                ) : (
                  muted
                )}
              </TD>
              <TD>
                {e.connectionId ? (
                  <Link
                    href={`/connections/${e.connectionId}`}
                    className="text-brand-700 font-mono text-xs hover:underline"
                    title={e.connectionId}
                    aria-label={`Connection ${e.connectionId}`}
                  >
                    {e.connectionId.slice(0, 11)}…
                  </Link>
                ) : (
                  muted
                )}
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
