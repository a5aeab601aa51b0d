// The execution log: filters in the URL, stats for the same filters, newest first, keyset pages.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { hrefWith } from "@/components/pagination";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { requireOperator } from "@/lib/auth/session";
import { availableApps } from "@/lib/core/apps";
import { executionStats, listExecutions } from "@/lib/core/executions";
import { ExecutionTable } from "./_components/execution-table";
import { StatsStrip } from "./_components/stats-strip";
import { isFiltered, parseLogParams, PRESETS, type LogQuery, type Preset } from "./_lib/filters";

export const metadata: Metadata = { title: "Logs" };

const PAGE_SIZE = 50;

const logsHref = (q: LogQuery & { after?: string }) => hrefWith("/logs", { ...q });

export default async function LogsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireOperator();
  const parsed = parseLogParams(await searchParams, new Date(), logsHref);
  if (parsed.redirectTo) redirect(parsed.redirectTo);
  const { query, inputs, after, errors } = parsed;
  const filter = { ...parsed.filter, projectId: ctx.project.id };
  const [page, stats] = await Promise.all([
    listExecutions(ctx.deps, { ...filter, after, limit: PAGE_SIZE }),
    executionStats(ctx.deps, filter),
  ]);
  const catalog = availableApps(ctx.deps);
  const apps = new Map(catalog.map((a) => [a.key, { name: a.name, logo: a.logo }]));
  const filtered = isFiltered(query);

  return (
    <>
      <PageHeader
        title="Logs"
        description="Every action run and proxy request made through Keyport, refused ones included, newest first. Times are UTC."
      />
      <div className="space-y-6">
        <form
          method="get"
          action="/logs"
          role="search"
          aria-label="Filter executions"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
        >
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
            <Field id="logs-user" label="Entity">
              <Input
                id="logs-user"
                name="user"
                defaultValue={query.user ?? ""}
                placeholder="Exact entity id"
                autoComplete="off"
                spellCheck={false}
              />
            </Field>
            <Field id="logs-app" label="App">
              <Select id="logs-app" name="app" defaultValue={query.app ?? ""}>
                <option value="">All apps</option>
                {catalog.map((a) => (
                  <option key={a.key} value={a.key}>
                    {a.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="logs-action" label="Action">
              <Input
                id="logs-action"
                name="action"
                defaultValue={query.action ?? ""}
                placeholder="Exact action name"
                autoComplete="off"
                spellCheck={false}
              />
            </Field>
            <Field id="logs-status" label="Status">
              <Select id="logs-status" name="status" defaultValue={query.status ?? ""}>
                <option value="">Any status</option>
                <option value="success">success</option>
                <option value="error">error</option>
              </Select>
            </Field>
            <Field id="logs-request" label="Request id">
              <Input
                id="logs-request"
                name="request"
                defaultValue={query.request ?? ""}
                placeholder="req_…"
                autoComplete="off"
                spellCheck={false}
              />
            </Field>
            <Field id="logs-source" label="Source">
              <Select id="logs-source" name="source" defaultValue={query.source ?? ""}>
                <option value="">Any source</option>
                <option value="api">API</option>
                <option value="mcp">MCP</option>
                <option value="dashboard">Dashboard</option>
              </Select>
            </Field>
          </div>
          <div className="flex flex-wrap items-end gap-3">
            <div className="w-52">
              <Field id="logs-from" label="From (UTC)">
                <Input
                  id="logs-from"
                  name="from"
                  type="datetime-local"
                  step={1}
                  defaultValue={inputs.from}
                />
              </Field>
            </div>
            <div className="w-52">
              <Field id="logs-to" label="To (UTC)">
                <Input
                  id="logs-to"
                  name="to"
                  type="datetime-local"
                  step={1}
                  defaultValue={inputs.to}
                />
              </Field>
            </div>
            {/* First submit button: the one Enter presses. */}
            <Button type="submit" variant="secondary">
              Filter
            </Button>
            <div role="group" aria-label="Time presets" className="flex flex-wrap gap-1">
              {(Object.keys(PRESETS) as Preset[]).map((p) => (
                <Button key={p} type="submit" name="preset" value={p} variant="ghost" size="sm">
                  {PRESETS[p].label}
                </Button>
              ))}
            </div>
            {filtered ? (
              <Link href="/logs" className={`${buttonClasses("ghost", "sm")} ml-auto`}>
                Clear filters
              </Link>
            ) : null}
          </div>
        </form>

        {errors.map((e) => (
          <Alert key={e} tone="warning">
            {e}
          </Alert>
        ))}

        <div className="flex flex-wrap items-center justify-between gap-3">
          <StatsStrip stats={stats} />
          <p className="flex gap-3 text-sm" aria-label="Export these executions">
            Export:
            <a
              href={hrefWith("/api/dashboard/logs/export", { ...query, format: "csv" })}
              className="text-brand-700 hover:underline"
              download
            >
              CSV
            </a>
            <a
              href={hrefWith("/api/dashboard/logs/export", { ...query, format: "ndjson" })}
              className="text-brand-700 hover:underline"
              download
            >
              NDJSON
            </a>
          </p>
        </div>

        {page.items.length === 0 ? (
          <EmptyState
            title={filtered || after ? "No executions match these filters" : "No executions yet"}
            description={
              filtered || after ? (
                "Try a wider time range or other filters, or clear them."
              ) : (
                <>
                  Each action your backend runs through the API is recorded here with its status and
                  duration. Try one in the{" "}
                  <Link href="/actions" className="text-brand-700 font-medium underline">
                    Actions playground
                  </Link>
                  .
                </>
              )
            }
          />
        ) : (
          <Card>
            <ExecutionTable items={page.items} apps={apps} />
          </Card>
        )}

        {after || page.next ? (
          <nav aria-label="Log pages" className="flex items-center justify-between text-sm">
            {after ? (
              <Link href={logsHref(query)} className={buttonClasses("secondary", "sm")}>
                ← Newest
              </Link>
            ) : (
              <span />
            )}
            {page.next ? (
              <Link
                href={logsHref({ ...query, after: page.next })}
                className={buttonClasses("secondary", "sm")}
              >
                Older →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </div>
    </>
  );
}
