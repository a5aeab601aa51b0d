import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { AppLogo } from "@/components/app-logo";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { requireOperator } from "@/lib/auth/session";
import { availableApps } from "@/lib/core/apps";
import { listIntegrations } from "@/lib/core/integrations";
import { can } from "@/lib/core/roles";
import { categoryLabel, schemeLabels } from "@/lib/catalog/labels";

export const metadata: Metadata = { title: "Apps" };

const one = (v: unknown) => (Array.isArray(v) ? (v[0] as unknown) : v);
const paramsSchema = z.object({
  q: z.preprocess(one, z.string().trim().max(100).optional().catch(undefined)),
  category: z.preprocess(one, z.string().max(100).optional().catch(undefined)),
});

export default async function AppsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireOperator();
  const { q, category } = paramsSchema.parse(await searchParams);
  const all = availableApps(ctx.deps);
  const categories = [...new Set(all.flatMap((a) => a.categories))].sort();
  const needle = q?.toLowerCase();
  const apps = all.filter(
    (a) =>
      (!needle || a.name.toLowerCase().includes(needle) || a.key.includes(needle)) &&
      (!category || a.categories.includes(category)),
  );
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
      <form
        method="get"
        action="/apps"
        role="search"
        className="mb-6 flex flex-wrap items-end gap-3"
      >
        <div className="min-w-64 flex-1 space-y-1.5">
          <Label htmlFor="apps-q">Search apps</Label>
          <Input id="apps-q" name="q" type="search" defaultValue={q ?? ""} placeholder="e.g. git" />
        </div>
        <div className="w-56 space-y-1.5">
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
        <Button type="submit" variant="secondary">
          Search
        </Button>
        {q || category ? (
          <Link href="/apps" className={buttonClasses("ghost")}>
            Clear
          </Link>
        ) : null}
      </form>
      {apps.length === 0 ? (
        <EmptyState
          title="No apps match"
          description="Try another name, or clear the category filter."
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
    </>
  );
}
