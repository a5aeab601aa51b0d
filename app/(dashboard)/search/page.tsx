import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { AppCell, entityHref, StatusCell } from "@/components/connection-table";
import { EntityTable } from "@/components/entity-table";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireOperator } from "@/lib/auth/session";
import { availableApps } from "@/lib/core/apps";
import { searchEverything, SEARCH_LIMIT } from "@/lib/core/search";
import { appSummaries } from "@/app/(dashboard)/_components/connections/integration-groups";

export const metadata: Metadata = { title: "Search" };

const one = (v: unknown) => (Array.isArray(v) ? (v[0] as unknown) : v);
const paramsSchema = z.object({
  q: z.preprocess(one, z.string().trim().max(200).optional().catch(undefined)),
});

const link = "text-brand-700 hover:underline";

export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireOperator();
  const { q = "" } = paramsSchema.parse(await searchParams);
  const results = q ? await searchEverything(ctx.deps, { projectId: ctx.project.id, q }) : null;
  const apps = appSummaries(availableApps(ctx.deps));
  const found = results ? results.entities.length + results.connections.length : 0;

  return (
    <>
      <PageHeader
        title="Search"
        description="Find an entity by the start of its id, a connection by its id (ca_…), or a connection by the upstream account's login."
      />
      <form
        method="get"
        action="/search"
        role="search"
        aria-label="Search entities and connections"
        className="mb-6 flex flex-wrap items-end gap-3"
      >
        <div className="min-w-64 flex-1 space-y-1.5 sm:max-w-lg">
          <Label htmlFor="search-q">Entity id, connection id or upstream login</Label>
          <Input
            id="search-q"
            name="q"
            type="search"
            defaultValue={q}
            placeholder="user_7a9f, ca_…, octocat"
            spellCheck={false}
            autoComplete="off"
          />
        </div>
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>

      {!results ? (
        <EmptyState
          title="Type what the customer gave you"
          description="Their user id in your app, a connection id from your logs, or their login at the provider (for example their GitHub username)."
        />
      ) : found === 0 ? (
        <EmptyState
          title={`Nothing matches “${results.q}”`}
          description="Entity ids match from the start and are case-sensitive; connection ids must be complete; logins match from the start."
        />
      ) : (
        <div className="space-y-6">
          <p className="text-sm text-slate-700" role="status">
            {found} result{found === 1 ? "" : "s"} for “{results.q}”.
          </p>
          {results.entities.length > 0 ? (
            <Card>
              <CardHeader
                title="Entities"
                description={
                  results.moreEntities
                    ? `The first ${SEARCH_LIMIT} whose id starts with “${results.q}”.`
                    : `Ids starting with “${results.q}”.`
                }
                actions={
                  results.moreEntities ? (
                    <Link
                      href={`/entities?q=${encodeURIComponent(results.q)}`}
                      className={`${link} text-sm`}
                    >
                      All matching entities
                    </Link>
                  ) : null
                }
              />
              <EntityTable items={results.entities} label="Matching entities" />
            </Card>
          ) : null}
          {results.connections.length > 0 ? (
            <Card>
              <CardHeader
                title="Connections"
                description={
                  results.moreConnections
                    ? `The first ${SEARCH_LIMIT} matches; type more of the login to narrow them.`
                    : "By connection id or upstream login."
                }
              />
              <Table label="Matching connections">
                <THead>
                  <TR>
                    <TH>Connection</TH>
                    <TH>Entity</TH>
                    <TH>App</TH>
                    <TH>Status</TH>
                    <TH>Upstream login</TH>
                  </TR>
                </THead>
                <TBody>
                  {results.connections.map((c) => {
                    const app = apps.get(c.appKey);
                    return (
                      <TR key={c.id}>
                        <TD>
                          <Link
                            href={`/connections/${c.id}`}
                            className={`${link} font-mono text-xs font-medium`}
                          >
                            {c.id}
                          </Link>
                          {c.match === "id" ? (
                            <span className="ml-2 text-xs text-slate-600">(exact id)</span>
                          ) : null}
                        </TD>
                        <TD className="max-w-48 truncate">
                          <Link href={entityHref(c.entityId)} className={link}>
                            {c.entityId}
                          </Link>
                        </TD>
                        <AppCell app={app} appKey={c.appKey} />
                        <StatusCell status={c.status} reason={c.statusReason} />
                        <TD>
                          {c.upstreamLogin ? (
                            <span className={c.match === "login" ? "font-semibold" : undefined}>
                              {c.upstreamLogin}
                            </span>
                          ) : (
                            <span className="text-slate-500">—</span>
                          )}
                        </TD>
                      </TR>
                    );
                  })}
                </TBody>
              </Table>
            </Card>
          ) : null}
        </div>
      )}
    </>
  );
}
