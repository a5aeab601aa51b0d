// The connections table shared by the connections list and an entity's page.
import Link from "next/link";
import type { ConnectionView } from "@/lib/core/connections";
import { AppLogo } from "./app-logo";
import { StatusBadge } from "./status-badge";
import { Time } from "./time";
import { Table, TBody, TD, TH, THead, TR } from "./ui/table";

export interface AppSummary {
  name: string;
  logo: string;
}

/** The dashboard URL of an entity (its id is the customer's own string). */
export const entityHref = (externalId: string) => `/entities/${encodeURIComponent(externalId)}`;

/** "login (name)", or whatever part of the upstream identity is known. */
export function identityText(identity: ConnectionView["upstreamIdentity"]): string | null {
  if (!identity) return null;
  const main = identity.login ?? identity.name ?? identity.id;
  return identity.login && identity.name && identity.name !== identity.login
    ? `${main} (${identity.name})`
    : main;
}

/** An app's logo and name (its key when the catalog does not know it). */
export function AppCell({ app, appKey }: { app: AppSummary | undefined; appKey: string }) {
  return (
    <TD>
      <span className="flex items-center gap-2 whitespace-nowrap">
        {app ? <AppLogo logo={app.logo} size={20} /> : null}
        {app?.name ?? appKey}
      </span>
    </TD>
  );
}

/** A connection's status badge with the reason under it. */
export function StatusCell({
  status,
  reason,
}: {
  status: ConnectionView["status"];
  reason: string | null;
}) {
  return (
    <TD>
      <StatusBadge status={status} />
      {reason ? <p className="mt-1 max-w-56 text-xs text-slate-600">{reason}</p> : null}
    </TD>
  );
}

export function ConnectionTable({
  items,
  apps,
  showEntity = true,
  label = "Connections",
  selectForm,
}: {
  items: ConnectionView[];
  apps: ReadonlyMap<string, AppSummary>;
  showEntity?: boolean;
  label?: string;
  /** The id of a form the rows' checkboxes belong to (bulk actions); no checkboxes without it. */
  selectForm?: string;
}) {
  return (
    <Table label={label}>
      <THead>
        <TR>
          {selectForm ? (
            <TH>
              <span className="sr-only">Select</span>
            </TH>
          ) : null}
          <TH>Connection</TH>
          {showEntity ? <TH>Entity</TH> : null}
          <TH>App</TH>
          <TH>Status</TH>
          <TH>Upstream account</TH>
          <TH className="whitespace-nowrap">Last used</TH>
          <TH className="whitespace-nowrap">Token expires</TH>
        </TR>
      </THead>
      <TBody>
        {items.map((c) => {
          const app = apps.get(c.appKey);
          return (
            <TR key={c.id}>
              {selectForm ? (
                <TD>
                  <input
                    type="checkbox"
                    name="ids"
                    value={c.id}
                    form={selectForm}
                    aria-label={`Select ${c.id}`}
                    className="size-4"
                  />
                </TD>
              ) : null}
              <TD>
                <Link
                  href={`/connections/${c.id}`}
                  className="text-brand-700 font-mono text-xs font-medium hover:underline"
                >
                  {c.id}
                </Link>
              </TD>
              {showEntity ? (
                <TD className="max-w-48 truncate">
                  <Link
                    href={entityHref(c.entityId)}
                    className="hover:underline"
                    title={c.entityId}
                  >
                    {c.entityId}
                  </Link>
                </TD>
              ) : null}
              <AppCell app={app} appKey={c.appKey} />
              <StatusCell status={c.status} reason={c.statusReason} />
              <TD className="max-w-48 truncate">
                {identityText(c.upstreamIdentity) ?? <span className="text-slate-500">—</span>}
              </TD>
              <TD className="whitespace-nowrap">
                <Time value={c.lastUsedAt} empty="Never" />
              </TD>
              <TD className="whitespace-nowrap">
                <Time value={c.expiresAt} />
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
