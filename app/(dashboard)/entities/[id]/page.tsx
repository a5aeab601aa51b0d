import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { EraseEntity } from "./_components/erase-entity";
import { Time } from "@/components/time";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireOperator } from "@/lib/auth/session";
import { availableApps, testActionFor } from "@/lib/core/apps";
import { listConnections } from "@/lib/core/connections";
import { findEntity } from "@/lib/core/entities";
import { connectionHealth, verdictOf } from "@/lib/core/overview";
import { can } from "@/lib/core/roles";
import { NewConnectionForm } from "@/app/(dashboard)/_components/connections/new-connection-form";
import {
  appSummaries,
  integrationGroups,
} from "@/app/(dashboard)/_components/connections/integration-groups";
import { ConnectionHealthCard, HEALTH_DAYS } from "./_components/connection-health-card";
import { AgentSessions } from "./_components/agent-sessions";
import { ConnectAgent } from "./_components/connect-agent";
import { appsWithActions } from "@/lib/actions/registry";
import { listToolSessions } from "@/lib/core/tool-sessions";

export const metadata: Metadata = { title: "Entity" };

/** Connections shown as cards; an entity with more links to the filtered list. */
const CONNECTION_LIMIT = 25;

/** The id as the customer wrote it (entity ids never contain "%", so decoding twice is harmless). */
function decoded(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    return param;
  }
}

export default async function EntityPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireOperator();
  const projectId = ctx.project.id;
  const externalId = decoded((await params).id);
  const entity = await findEntity(ctx.deps, { projectId, externalId });
  if (!entity) notFound();
  const apps = appSummaries(availableApps(ctx.deps));
  const { items, totalItems } = await listConnections(ctx.deps, {
    projectId,
    userIds: [entity.externalId],
    limit: CONNECTION_LIMIT,
    withTotal: true,
  });
  const health = await connectionHealth(ctx.deps, {
    projectId,
    connectionIds: items.map((c) => c.id),
    days: HEALTH_DAYS,
  });
  const now = new Date();
  const canOperate = can(ctx.role, "connections.operate");
  const canRun = can(ctx.role, "actions.run");
  // What needs attention first, then the newest.
  const verdicts = new Map(items.map((c) => [c.id, verdictOf(c, health.get(c.id))]));
  const broken = items.filter((c) => verdicts.get(c.id)?.level === "attention");
  // Recent failed calls are never summed up as "nothing looks wrong".
  const noticed = items.filter((c) => {
    const v = verdicts.get(c.id);
    return v?.level === "notice" && v.kind === "recent_errors";
  });
  // Connect links nobody finished: not failures, but not "nothing looks wrong" either.
  const unfinished = items.filter((c) => {
    const v = verdicts.get(c.id);
    return v?.level === "notice" && v.kind === "abandoned";
  });
  const ordered = [...broken, ...items.filter((c) => !broken.includes(c))];
  const appName = (key: string) => apps.get(key)?.name ?? key;
  const metadataEntries = Object.keys(entity.metadata);
  const sessions = await listToolSessions(ctx.deps, { projectId, userId: entity.externalId });
  const toolkits = appsWithActions({ sandboxOrigin: ctx.deps.sandboxOrigin }).map((key) => ({
    key,
    name: appName(key),
  }));

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/entities" className="text-brand-700 hover:underline">
          ← Entities
        </Link>
      </p>
      <PageHeader
        title={entity.externalId}
        description={
          <>
            Entity · first seen <Time value={entity.createdAt} /> · {totalItems} connection
            {totalItems === 1 ? "" : "s"}
          </>
        }
      />
      <div className="space-y-6">
        {items.length > 0 ? (
          broken.length > 0 ? (
            <Alert
              tone="warning"
              title={`${broken.length} of ${items.length} connection${items.length === 1 ? " needs" : "s need"} attention`}
            >
              <p data-testid="entity-summary">
                {broken
                  .map((c) => {
                    const v = verdicts.get(c.id);
                    return `${appName(c.appKey)}: ${v && v.level !== "ok" ? v.words : c.status.toLowerCase()}`;
                  })
                  .join(" · ")}
                .{" "}
                {canOperate
                  ? "A reconnect link lets the end user connect again; the connection keeps its id."
                  : "Support or admin operators can send the end user a reconnect link."}
              </p>
            </Alert>
          ) : noticed.length > 0 ? (
            <Alert tone="info" title="Recent calls failed">
              <p data-testid="entity-summary">
                {noticed.map((c) => appName(c.appKey)).join(" · ")}: calls failed since the last
                success. The connections are active; see the errors below and in Logs.
              </p>
            </Alert>
          ) : unfinished.length > 0 ? (
            <Alert tone="info" title="Connect link never finished">
              <p data-testid="entity-summary">
                {entity.externalId} did not finish connecting{" "}
                {unfinished.map((c) => appName(c.appKey)).join(" · ")}. A new connect link for the
                same integration reuses the connection.
              </p>
            </Alert>
          ) : (
            <Alert tone="success" title="Nothing looks wrong">
              <p data-testid="entity-summary">
                No connection of {entity.externalId} is failed, expired or failing to refresh.
              </p>
            </Alert>
          )
        ) : null}

        <section aria-labelledby="entity-connections" className="space-y-4">
          <h2 id="entity-connections" className="text-lg font-semibold text-slate-900">
            Connections
          </h2>
          {items.length === 0 ? (
            <EmptyState
              title="No connections"
              description="This entity has no connected accounts any more."
            />
          ) : (
            ordered.map((c) => (
              <ConnectionHealthCard
                key={c.id}
                c={c}
                health={health.get(c.id)}
                app={apps.get(c.appKey)}
                now={now}
                canOperate={canOperate}
                testAction={canRun ? testActionFor(ctx.deps, c.appKey) : null}
              />
            ))
          )}
          {totalItems > items.length ? (
            <p className="text-sm">
              <Link
                href={`/connections?user=${encodeURIComponent(entity.externalId)}`}
                className="text-brand-700 hover:underline"
              >
                All {totalItems} connections →
              </Link>
            </p>
          ) : null}
        </section>

        {canOperate ? (
          <Card>
            <CardHeader
              title="New connection"
              description={`Creates a connection for ${entity.externalId} and a connect link to send them.`}
            />
            <CardContent>
              <NewConnectionForm
                entityId={entity.externalId}
                groups={await integrationGroups(ctx.deps, projectId, apps)}
              />
            </CardContent>
          </Card>
        ) : (
          <p className="text-sm text-slate-600">
            You can read this entity. Running test actions, reconnecting and disabling need the
            support or admin role.
          </p>
        )}
        <AgentSessions sessions={sessions} canRevoke={canOperate} now={now} />
        {canRun ? (
          <Card>
            <CardHeader
              title="Connect an agent"
              description={`Mints an MCP session for ${entity.externalId}: the agent gets a URL and a token (shown once), never your API key. It expires after one hour.`}
            />
            <CardContent>
              <ConnectAgent userId={entity.externalId} toolkits={toolkits} />
            </CardContent>
          </Card>
        ) : null}
        {canOperate ? (
          <Card>
            <CardHeader
              title="Erase this entity"
              description="For an erasure request (GDPR): revokes and deletes every connection, deletes the execution log and the entity."
            />
            <CardContent>
              <EraseEntity userId={entity.externalId} connections={totalItems} />
            </CardContent>
          </Card>
        ) : null}
        <Card>
          <CardHeader title="Metadata" description="Set through the API; not secret." />
          <CardContent>
            {metadataEntries.length === 0 ? (
              <p className="text-sm text-slate-600">No metadata.</p>
            ) : (
              <pre className="overflow-x-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800">
                {JSON.stringify(entity.metadata, null, 2)}
              </pre>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
