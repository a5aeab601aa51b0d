import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { AppLogo } from "@/components/app-logo";
import { hrefWith, Pagination } from "@/components/pagination";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { requireOperator } from "@/lib/auth/session";
import { actionCountsByApp, availableApps } from "@/lib/core/apps";
import { listIntegrations } from "@/lib/core/integrations";
import { can } from "@/lib/core/roles";
import { categoryLabel, schemeLabels } from "@/lib/catalog/labels";
import type { AuthScheme } from "@/lib/catalog/types";
import { AddSandbox } from "./_components/add-sandbox";

export const metadata: Metadata = { title: "Apps" };

const one = (v: unknown) => (Array.isArray(v) ? (v[0] as unknown) : v);
const paramsSchema = z.object({
  q: z.preprocess(one, z.string().trim().max(100).optional().catch(undefined)),
  category: z.preprocess(one, z.string().max(100).optional().catch(undefined)),
  actions: z.preprocess(one, z.literal("1").optional().catch(undefined)),
  auth: z.preprocess(
    one,
    z
      .enum(Object.keys(schemeLabels) as [AuthScheme, ...AuthScheme[]])
      .optional()
      .catch(undefined),
  ),
  page: z.preprocess(one, z.coerce.number().int().min(1).max(1000).catch(1).default(1)),
});

/** Cards per page: the catalog has hundreds of apps, and one page of all of them is slow to use. */
const PAGE_SIZE = 48;

const actionLabel = (n: number) =>
  n === 0 ? "No actions yet" : `${n.toLocaleString("en")} action${n === 1 ? "" : "s"}`;

export default async function AppsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireOperator();
  const { q, category, actions, auth, page } = paramsSchema.parse(await searchParams);
  const all = availableApps(ctx.deps);
  const actionCounts = await actionCountsByApp(ctx.deps);
  const categories = [...new Set(all.flatMap((a) => a.categories))].sort();
  const offered = new Set(all.flatMap((a) => a.authSchemes.map((s) => s.mode)));
  const schemes = (Object.keys(schemeLabels) as AuthScheme[]).filter((m) => offered.has(m));
  const needle = q?.toLowerCase();
  const count = (key: string) => actionCounts.get(key) ?? 0;
  // Apps that can run actions first (the catalog's order within each group).
  const matching = all
    .filter(
      (a) =>
        (!needle || a.name.toLowerCase().includes(needle) || a.key.includes(needle)) &&
        (!category || a.categories.includes(category)) &&
        (!auth || a.authSchemes.some((s) => s.mode === auth)) &&
        (!actions || count(a.key) > 0),
    )
    .sort((a, b) => Number(count(b.key) > 0) - Number(count(a.key) > 0));
  const lastPage = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const current = Math.min(page, lastPage);
  const apps = matching.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const pageHref = (n: number) =>
    hrefWith("/apps", { q, category, auth, actions, page: n > 1 ? String(n) : null });
  const configured = new Set(
    (await listIntegrations(ctx.deps, { projectId: ctx.project.id })).map((i) => i.appKey),
  );
  const canSetUp = can(ctx.role, "integrations.manage");

  return (
    <>
      <PageHeader
        title="Apps"
        description="The services your entities can connect. Set up an integration for an app to start connecting it."
      />
      {ctx.deps.sandboxOrigin && canSetUp ? (
        <section
          aria-labelledby="try-sandbox"
          className="border-brand-100 bg-brand-50 mb-6 flex flex-col gap-3 rounded-lg border p-4 sm:flex-row sm:items-center sm:justify-between"
        >
          <div className="text-sm text-slate-700">
            <h2 id="try-sandbox" className="font-semibold text-slate-900">
              Try the sandbox
            </h2>
            <p>
              Keyport&apos;s built-in OAuth provider and notes API: connect an entity with any
              username and the password <code>sandbox</code>, no account anywhere.
            </p>
          </div>
          <AddSandbox ready={configured.has("sandbox") && configured.has("sandbox_key")} />
        </section>
      ) : null}
      <form
        method="get"
        action="/apps"
        role="search"
        className="mb-6 flex flex-wrap items-end gap-3"
      >
        <div className="w-full space-y-1.5 sm:w-auto sm:min-w-64 sm:flex-1">
          <Label htmlFor="apps-q">Search apps</Label>
          <Input id="apps-q" name="q" type="search" defaultValue={q ?? ""} placeholder="e.g. git" />
        </div>
        <div className="w-full space-y-1.5 sm:w-56">
          <Label htmlFor="apps-category">Category</Label>
          <Select id="apps-category" name="category" defaultValue={category ?? ""}>
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(c)}
              </option>
            ))}
          </Select>
        </div>
        <div className="w-full space-y-1.5 sm:w-44">
          <Label htmlFor="apps-auth">Authentication</Label>
          <Select id="apps-auth" name="auth" defaultValue={auth ?? ""}>
            <option value="">Any</option>
            {schemes.map((m) => (
              <option key={m} value={m}>
                {schemeLabels[m]}
              </option>
            ))}
          </Select>
        </div>
        <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            name="actions"
            value="1"
            defaultChecked={actions === "1"}
            className="accent-brand-600 size-4"
          />
          Has actions
        </label>
        <Button type="submit" variant="secondary">
          Search
        </Button>
        {q || category || auth || actions ? (
          <Link href="/apps" className={buttonClasses("ghost")}>
            Clear
          </Link>
        ) : null}
      </form>
      {matching.length > 0 ? (
        <p className="mb-3 text-sm text-slate-600" data-testid="apps-range">
          {matching.length > PAGE_SIZE
            ? `Apps ${(current - 1) * PAGE_SIZE + 1}–${(current - 1) * PAGE_SIZE + apps.length} of ${matching.length}`
            : `${matching.length} app${matching.length === 1 ? "" : "s"}`}
        </p>
      ) : null}
      {apps.length === 0 ? (
        <EmptyState
          title="No apps match"
          description="Try another name, or clear the category, authentication and actions filters."
        />
      ) : (
        <ul aria-label="Apps" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {apps.map((app) => (
            <li
              key={app.key}
              aria-labelledby={`app-${app.key}`}
              className="flex flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-xs"
            >
              <div className="flex items-start gap-3">
                <AppLogo logo={app.logo} size={40} />
                {/* The badge sits under the name: beside it, three cards to a row at 1024 px
                    leave a long name no room. */}
                <div className="min-w-0">
                  <h2 id={`app-${app.key}`} className="font-semibold break-words text-slate-900">
                    {app.name}
                  </h2>
                  <p className="font-mono text-xs break-all text-slate-500">{app.key}</p>
                  <p className="text-xs text-slate-600" data-testid="action-count">
                    {actionLabel(count(app.key))}
                  </p>
                  {configured.has(app.key) ? (
                    <p className="mt-1.5">
                      <Badge tone="green">Configured</Badge>
                    </p>
                  ) : null}
                </div>
              </div>
              <p className="mt-3 flex-1 text-sm text-slate-600">{app.description}</p>
              <div className="mt-3 flex flex-wrap gap-1.5">
                {app.categories.map((c) => (
                  <Badge key={c}>{categoryLabel(c)}</Badge>
                ))}
                {app.authSchemes.map((s) => (
                  <Badge key={s.mode} tone="blue">
                    {schemeLabels[s.mode]}
                  </Badge>
                ))}
              </div>
              <div className="mt-4 flex items-center gap-2 border-t border-slate-100 pt-4">
                {canSetUp ? (
                  <Link
                    href={`/integrations/new?app=${encodeURIComponent(app.key)}`}
                    className={buttonClasses("primary", "sm")}
                    aria-label={`Set up ${app.name}`}
                  >
                    Set up
                  </Link>
                ) : null}
                <a
                  href={app.docsUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                  className={buttonClasses("ghost", "sm")}
                  aria-label={`${app.name} docs (opens in a new tab)`}
                >
                  Docs ↗
                </a>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        label="App pages"
        firstHref={current > 1 ? pageHref(1) : null}
        nextHref={current < lastPage ? pageHref(current + 1) : null}
      />
    </>
  );
}
