import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectionTable } from "@/components/connection-table";
import { PageHeader } from "@/components/page-header";
import { Time } from "@/components/time";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireOperator } from "@/lib/auth/session";
import { availableApps } from "@/lib/core/apps";
import { listConnections } from "@/lib/core/connections";
import { findEntity } from "@/lib/core/entities";
import { can } from "@/lib/core/roles";
import { NewConnectionForm } from "../../connections/_components/new-connection-form";
import { appSummaries, integrationGroups } from "../../connections/_lib/integration-groups";

export const metadata: Metadata = { title: "Entity" };

const CONNECTION_LIMIT = 100;

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
  const externalId = decoded((await params).id);
  const entity = await findEntity(ctx.deps, { projectId: ctx.project.id, externalId });
  if (!entity) notFound();
  const apps = appSummaries(availableApps(ctx.deps));
  const { items, totalItems } = await listConnections(ctx.deps, {
    projectId: ctx.project.id,
    userIds: [entity.externalId],
    limit: CONNECTION_LIMIT,
    withTotal: true,
  });
  const metadataEntries = Object.keys(entity.metadata);
  const canOperate = can(ctx.role, "connections.operate");

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
        {canOperate ? (
          <Card>
            <CardHeader
              title="New connection"
              description={`Creates a connection for ${entity.externalId} and a connect link to send them.`}
            />
            <CardContent>
              <NewConnectionForm
                entityId={entity.externalId}
                groups={await integrationGroups(ctx.deps, ctx.project.id, apps)}
              />
            </CardContent>
          </Card>
        ) : null}
        <Card>
          <CardHeader title="Connections" />
          {items.length === 0 ? (
            <div className="p-5">
              <EmptyState
                title="No connections"
                description="This entity has no connected accounts any more."
              />
            </div>
          ) : (
            <ConnectionTable
              items={items}
              apps={apps}
              showEntity={false}
              label={`Connections of ${entity.externalId}`}
            />
          )}
          {totalItems > items.length ? (
            <p className="border-t border-slate-100 px-5 py-3 text-sm">
              <Link
                href={`/connections?user=${encodeURIComponent(entity.externalId)}`}
                className="text-brand-700 hover:underline"
              >
                All {totalItems} connections →
              </Link>
            </p>
          ) : null}
        </Card>
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
