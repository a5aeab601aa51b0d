import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { ConnectionTable } from "@/components/connection-table";
import { PageHeader } from "@/components/page-header";
import { hrefWith, Pagination } from "@/components/pagination";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { connectionStatuses } from "@/db/schema";
import { requireOperator } from "@/lib/auth/session";
import { availableApps } from "@/lib/core/apps";
import { listConnections, type Page, type ConnectionView } from "@/lib/core/connections";
import { AppError } from "@/lib/core/errors";
import { can } from "@/lib/core/roles";
import { BULK_FORM, BulkToolbar } from "./_components/bulk-toolbar";
import { StaleCleanup } from "./_components/stale-cleanup";
import { NewConnectionForm } from "@/app/(dashboard)/_components/connections/new-connection-form";
import {
  appSummaries,
  integrationGroups,
} from "@/app/(dashboard)/_components/connections/integration-groups";

export const metadata: Metadata = { title: "Connections" };

const PAGE_SIZE = 25;

const one = (v: unknown) => (Array.isArray(v) ? (v[0] as unknown) : v);
const text = (max: number) =>
  z.preprocess(one, z.string().trim().max(max).optional().catch(undefined));
const paramsSchema = z.object({
  app: text(100),
  status: z.preprocess(one, z.enum(connectionStatuses).optional().catch(undefined)),
  user: text(200),
  integration: text(100),
  cursor: text(500),
  sort: z.preprocess(one, z.enum(["newest", "oldest"]).optional().catch(undefined)),
});

const statusWords: Record<(typeof connectionStatuses)[number], string> = {
  INITIATED: "Initiated",
  ACTIVE: "Active",
  FAILED: "Failed",
  EXPIRED: "Expired",
  INACTIVE: "Inactive",
  REVOKED: "Revoked",
};

export default async function ConnectionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireOperator();
  const { app, status, user, integration, cursor, sort } = paramsSchema.parse(await searchParams);
  const catalog = availableApps(ctx.deps);
  const apps = appSummaries(catalog);
  const filters = { app, status, user, integration, sort };
  const filtered = Boolean(app || status || user || integration);

  let page: Page<ConnectionView> = { items: [], nextCursor: null, totalItems: 0 };
  let error: string | null = null;
  try {
    page = await listConnections(ctx.deps, {
      projectId: ctx.project.id,
      appKeys: app ? [app] : undefined,
      statuses: status ? [status] : undefined,
      userIds: user ? [user] : undefined,
      integrationIds: integration ? [integration] : undefined,
      cursor: cursor || undefined,
      limit: PAGE_SIZE,
      order: sort === "oldest" ? "asc" : "desc",
    });
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "bad_request") throw err;
    error = err.message;
  }
  const canOperate = can(ctx.role, "connections.operate");

  return (
    <>
      <PageHeader
        title="Connections"
        description={`Every entity's connected accounts in the ${ctx.project.name} project, newest first.`}
      />
      <div className="space-y-6">
        {canOperate ? (
          <Card>
            <CardHeader
              title="New connection"
              description="Creates a connection for an entity and a connect link to send them."
            />
            <CardContent>
              <NewConnectionForm groups={await integrationGroups(ctx.deps, ctx.project.id, apps)} />
            </CardContent>
          </Card>
        ) : null}

        <form
          method="get"
          action="/connections"
          role="search"
          aria-label="Filter connections"
          className="flex flex-wrap items-end gap-3"
        >
          <div className="w-56 space-y-1.5">
            <Label htmlFor="filter-app">App</Label>
            <Select id="filter-app" name="app" defaultValue={app ?? ""}>
              <option value="">All apps</option>
              {catalog.map((a) => (
                <option key={a.key} value={a.key}>
                  {a.name}
                </option>
              ))}
            </Select>
          </div>
          <div className="w-44 space-y-1.5">
            <Label htmlFor="filter-status">Status</Label>
            <Select id="filter-status" name="status" defaultValue={status ?? ""}>
              <option value="">All statuses</option>
              {connectionStatuses.map((s) => (
                <option key={s} value={s}>
                  {statusWords[s]}
                </option>
              ))}
            </Select>
          </div>
          <div className="w-64 space-y-1.5">
            <Label htmlFor="filter-user">Entity</Label>
            <Input
              id="filter-user"
              name="user"
              defaultValue={user ?? ""}
              placeholder="Exact entity id"
              spellCheck={false}
            />
          </div>
          <div className="w-40 space-y-1.5">
            <Label htmlFor="filter-sort">Sort</Label>
            <Select id="filter-sort" name="sort" defaultValue={sort ?? "newest"}>
              <option value="newest">Newest first</option>
              <option value="oldest">Oldest first</option>
            </Select>
          </div>
          {integration ? <input type="hidden" name="integration" value={integration} /> : null}
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {filtered ? (
            <Link href="/connections" className={buttonClasses("ghost")}>
              Clear filters
            </Link>
          ) : null}
        </form>
        {integration ? (
          <p className="text-sm text-slate-600">
            Only integration <code className="font-mono text-xs">{integration}</code>.
          </p>
        ) : null}

        {error ? <Alert tone="error">{error}</Alert> : null}
        {page.items.length === 0 ? (
          <EmptyState
            title={filtered || cursor ? "No connections match" : "No connections yet"}
            description={
              filtered
                ? "Try other filters, or clear them."
                : "A connection appears when an entity connects an app, through the API or a connect link created here."
            }
          />
        ) : (
          <Card>
            {canOperate ? <BulkToolbar /> : null}
            <ConnectionTable
              items={page.items}
              apps={apps}
              selectForm={canOperate ? BULK_FORM : undefined}
            />
          </Card>
        )}
        <Pagination
          label="Connection pages"
          firstHref={cursor ? hrefWith("/connections", filters) : null}
          nextHref={
            page.nextCursor
              ? hrefWith("/connections", { ...filters, cursor: page.nextCursor })
              : null
          }
        />
        {canOperate ? (
          <Card>
            <CardHeader
              title="Clean up"
              description="Delete connect links nobody finished, or connections that expired, after a number of days."
            />
            <CardContent>
              <StaleCleanup />
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  );
}
