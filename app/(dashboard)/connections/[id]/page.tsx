import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ActionName } from "@/components/action-name";
import { AppLogo } from "@/components/app-logo";
import { entityHref } from "@/components/connection-table";
import { PageHeader } from "@/components/page-header";
import { Time } from "@/components/time";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireOperator } from "@/lib/auth/session";
import { getApp } from "@/lib/catalog";
import { getConnection, listConnectionEvents, type ConnectionView } from "@/lib/core/connections";
import { AppError } from "@/lib/core/errors";
import { listExecutions } from "@/lib/core/executions";
import { getIntegration } from "@/lib/core/integrations";
import { can } from "@/lib/core/roles";
import { schemeLabel } from "@/lib/catalog/labels";
import { ConnectionActions } from "./_components/connection-actions";
import { DeletableConnection } from "./_components/deletable-connection";
import { LiveStatus } from "./_components/live-status";

export const metadata: Metadata = { title: "Connection" };

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[10rem_1fr]">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0 text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

const none = <span className="text-slate-500">—</span>;
const eventWords = (type: string) =>
  (type.charAt(0).toUpperCase() + type.slice(1)).replace(/_/g, " ");

export default async function ConnectionPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireOperator();
  const { id } = await params;
  const projectId = ctx.project.id;
  let c: ConnectionView;
  try {
    c = await getConnection(ctx.deps, { projectId, id });
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
  const [events, executions, integration] = await Promise.all([
    listConnectionEvents(ctx.deps, { projectId, id, limit: 50 }),
    listExecutions(ctx.deps, { projectId, connectionId: id, limit: 20 }),
    getIntegration(ctx.deps, { projectId, id: c.integrationId }).catch(() => null),
  ]);
  const app = getApp(c.appKey, { sandboxOrigin: ctx.deps.sandboxOrigin });
  const appName = app?.name ?? c.appKey;
  const hints = Object.entries(c.credentialHints);

  return (
    <DeletableConnection id={c.id}>
      <p className="mb-2 text-sm">
        <Link href="/connections" className="text-brand-700 hover:underline">
          ← Connections
        </Link>
      </p>
      <PageHeader
        title={`${appName} connection`}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            {app ? <AppLogo logo={app.logo} size={20} /> : null}
            <code className="font-mono text-xs">{c.id}</code>
            <span>
              for entity{" "}
              <Link href={entityHref(c.entityId)} className="text-brand-700 hover:underline">
                {c.entityId}
              </Link>
            </span>
          </span>
        }
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Status" />
          <CardContent className="space-y-4">
            <LiveStatus id={c.id} status={c.status} statusReason={c.statusReason} />
            {c.enabled ? null : (
              <p className="text-sm text-slate-600">
                Disabled: actions cannot run through this connection until it is enabled.
              </p>
            )}
            {can(ctx.role, "connections.operate") ? (
              <div className="border-t border-slate-100 pt-4">
                <ConnectionActions
                  id={c.id}
                  enabled={c.enabled}
                  canReconnect={c.authScheme !== "NO_AUTH"}
                />
              </div>
            ) : (
              <p className="text-sm text-slate-600">
                You can read this connection. Disabling, reconnecting and deleting need the support
                or admin role.
              </p>
            )}
          </CardContent>
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader title="Details" />
            <CardContent>
              <dl className="divide-y divide-slate-100">
                <Row label="Entity">
                  <Link href={entityHref(c.entityId)} className="text-brand-700 hover:underline">
                    {c.entityId}
                  </Link>
                </Row>
                <Row label="Integration">
                  <Link
                    href={`/integrations/${c.integrationId}`}
                    className="text-brand-700 hover:underline"
                  >
                    {integration?.name ?? c.integrationId}
                  </Link>
                  {c.integrationEnabled ? null : (
                    <span className="ml-2">
                      <Badge tone="amber">Integration disabled</Badge>
                    </span>
                  )}
                </Row>
                <Row label="Auth scheme">{schemeLabel(c.authScheme)}</Row>
                <Row label="Upstream account">
                  {c.upstreamIdentity ? (
                    <span data-testid="upstream-identity">
                      {c.upstreamIdentity.login ? (
                        <strong className="font-semibold">{c.upstreamIdentity.login}</strong>
                      ) : null}
                      {c.upstreamIdentity.name &&
                      c.upstreamIdentity.name !== c.upstreamIdentity.login ? (
                        <span className="ml-1 text-slate-700">({c.upstreamIdentity.name})</span>
                      ) : null}
                      <span className="block font-mono text-xs text-slate-500">
                        id {c.upstreamIdentity.id}
                      </span>
                    </span>
                  ) : (
                    none
                  )}
                </Row>
                <Row label="Labels">
                  {c.labels.length
                    ? c.labels.map((l) => (
                        <span key={l} className="mr-1">
                          <Badge>{l}</Badge>
                        </span>
                      ))
                    : none}
                </Row>
                <Row label="Created">
                  <Time value={c.createdAt} />
                </Row>
                <Row label="Last used">
                  <Time value={c.lastUsedAt} empty="Never" />
                </Row>
              </dl>
            </CardContent>
          </Card>

          <Card>
            <CardHeader
              title="Credentials"
              description="Masked: the secrets themselves are stored encrypted and never shown."
            />
            <CardContent>
              <dl className="divide-y divide-slate-100">
                {hints.length ? (
                  hints.map(([name, hint]) => (
                    <Row key={name} label={name}>
                      <code className="font-mono text-xs">{hint}</code>
                    </Row>
                  ))
                ) : (
                  <Row label="Stored">Nothing yet</Row>
                )}
                <Row label="Token expires">
                  <Time value={c.expiresAt} empty={hints.length ? "Does not expire" : "—"} />
                </Row>
                <Row label="Last refreshed">
                  <Time value={c.lastRefreshedAt} empty="Never" />
                </Row>
                <Row label="Granted scopes">
                  {c.grantedScopes?.length ? (
                    <span className="flex flex-wrap gap-1">
                      {c.grantedScopes.map((s) => (
                        <Badge key={s}>{s}</Badge>
                      ))}
                    </span>
                  ) : (
                    none
                  )}
                </Row>
              </dl>
            </CardContent>
          </Card>
        </div>

        <Card>
          <CardHeader
            title="Timeline"
            description="What happened to this connection, newest first."
          />
          <CardContent>
            {events.length === 0 ? (
              <p className="text-sm text-slate-600">No events yet.</p>
            ) : (
              <ol className="space-y-3" aria-label="Connection events">
                {events.map((e) => (
                  <li
                    key={e.id}
                    className={`border-l-2 pl-3 ${e.type === "account_changed" ? "border-amber-400" : "border-slate-200"}`}
                  >
                    <p className="text-sm">
                      {e.type === "account_changed" ? (
                        // Reconnected to another upstream account: the change support staff look for.
                        <Badge tone="amber">Account changed</Badge>
                      ) : (
                        <span className="font-medium text-slate-900">{eventWords(e.type)}</span>
                      )}
                      <span className="text-slate-600"> · {e.actor} · </span>
                      <span className="text-slate-600">
                        <Time value={e.at} />
                      </span>
                    </p>
                    {e.detail ? <p className="text-sm text-slate-700">{e.detail}</p> : null}
                  </li>
                ))}
              </ol>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader title="Recent executions" description="The last 20 actions run through it." />
          {executions.items.length === 0 ? (
            <div className="p-5">
              <EmptyState
                title="No executions yet"
                description="Actions your backend runs through this connection appear here."
              />
            </div>
          ) : (
            <Table label="Recent executions">
              <THead>
                <TR>
                  <TH>Action</TH>
                  <TH>Result</TH>
                  <TH>HTTP</TH>
                  <TH>Duration</TH>
                  <TH>When</TH>
                </TR>
              </THead>
              <TBody>
                {executions.items.map((x) => (
                  <TR key={x.id}>
                    <TD>
                      <ActionName name={x.action} />
                    </TD>
                    <TD>
                      {x.status === "success" ? (
                        <Badge tone="green">Success</Badge>
                      ) : (
                        <Badge tone="red">Error</Badge>
                      )}
                      {/* A width on the block: an auto-layout table squeezes an error to a word a line. */}
                      {x.error ? (
                        <p className="mt-1 max-w-80 min-w-48 text-xs text-slate-600">{x.error}</p>
                      ) : null}
                    </TD>
                    <TD>{x.httpStatus ?? "—"}</TD>
                    <TD className="whitespace-nowrap">{x.durationMs} ms</TD>
                    <TD className="whitespace-nowrap">
                      <Time value={x.at} />
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
      </div>
    </DeletableConnection>
  );
}
