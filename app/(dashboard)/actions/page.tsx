// The action playground: entity and app → action → a form generated from its parameters → run.
// Every choice lives in the URL (?user=&app=&action=), so a run can be linked and reloaded; before
// an app is chosen, ?q= searches every app's actions on the server.
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { AppLogo } from "@/components/app-logo";
import { entityHref } from "@/components/connection-table";
import { PageHeader } from "@/components/page-header";
import { hrefWith } from "@/components/pagination";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { appsWithActions, getAppActions } from "@/lib/actions/registry";
import { requireOperator } from "@/lib/auth/session";
import { availableApps } from "@/lib/core/apps";
import { listConnections } from "@/lib/core/connections";
import { can } from "@/lib/core/roles";
import { ActionPicker } from "./_components/action-picker";
import { ActionSearchPanel } from "./_components/action-search";
import { SchemaForm } from "./_components/schema-form";
import { searchAllActions } from "./_lib/action-search";
import { fieldsOf } from "./_lib/schema-fields";

export const metadata: Metadata = { title: "Actions" };

const one = (v: unknown) => (Array.isArray(v) ? (v[0] as unknown) : v);
const text = (max: number) =>
  z.preprocess(one, z.string().trim().max(max).optional().catch(undefined));
const paramsSchema = z.object({
  user: text(200),
  app: text(100),
  action: text(200),
  // Not capped here: searchAllActions says what is wrong with a search rather than dropping it.
  q: z.preprocess(one, z.string().optional().catch(undefined)),
});

export default async function ActionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireOperator();
  const params = paramsSchema.parse(await searchParams);
  const user = params.user || undefined;
  const registry = { sandboxOrigin: ctx.deps.sandboxOrigin };
  const catalog = new Map(availableApps(ctx.deps).map((a) => [a.key, a]));
  const apps = appsWithActions(registry)
    .map((key) => ({ key, name: catalog.get(key)?.name ?? key, logo: catalog.get(key)?.logo }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
  const app = apps.find((a) => a.key === params.app?.toLowerCase());
  const actions = app ? await getAppActions(app.key, registry) : [];
  const search = app ? ({ state: "none" } as const) : await searchAllActions(params.q, registry);
  const action = params.action
    ? actions.find((a) => a.name === params.action?.toUpperCase())
    : undefined;
  const canRun = can(ctx.role, "actions.run");
  const connections =
    app && user
      ? await listConnections(ctx.deps, {
          projectId: ctx.project.id,
          userIds: [user],
          appKeys: [app.key],
          statuses: ["ACTIVE"],
          enabled: true,
          limit: 20,
        })
      : null;
  const query = { user, app: app?.key };

  return (
    <>
      <PageHeader
        title="Actions"
        description="Run an app's action as one of your entities and see exactly what the app answers. Runs are real calls and appear in the logs."
      />
      <div className="space-y-6">
        {canRun ? null : (
          <Alert tone="warning" title="You need the support or admin role to run actions.">
            You can browse actions and their parameters here. Your role in this project is{" "}
            <strong>{ctx.role}</strong>.
          </Alert>
        )}

        <Card>
          <CardHeader title="1. Entity and app" />
          <CardContent>
            <form
              // Remounted when the entity or app changes: a search match opens its app by a client
              // navigation, and an uncontrolled select keeps its first value across those.
              key={`${user ?? ""}|${app?.key ?? ""}`}
              method="get"
              action="/actions"
              className="grid items-end gap-3 md:grid-cols-[1fr_1fr_auto]"
            >
              <Field id="playground-user" label="Entity id">
                <Input
                  id="playground-user"
                  name="user"
                  defaultValue={user ?? ""}
                  maxLength={200}
                  placeholder="user_123"
                  autoComplete="off"
                  spellCheck={false}
                />
              </Field>
              <Field id="playground-app" label="App">
                <Select id="playground-app" name="app" defaultValue={app?.key ?? ""}>
                  <option value="" disabled>
                    Choose an app…
                  </option>
                  {apps.map((a) => (
                    <option key={a.key} value={a.key}>
                      {a.name}
                    </option>
                  ))}
                </Select>
              </Field>
              {/* Kept when only the entity changes; dropped below when it is not the app's. */}
              {action ? <input type="hidden" name="action" value={action.name} /> : null}
              {search.state === "done" ? <input type="hidden" name="q" value={search.q} /> : null}
              <Button type="submit" variant="secondary">
                Choose
              </Button>
            </form>
            {user && app && connections ? (
              <p className="mt-3 text-sm text-slate-600">
                {connections.items.length === 0 ? (
                  <>
                    <Link href={entityHref(user)} className="font-medium hover:underline">
                      {user}
                    </Link>{" "}
                    has no active {app.name} connection: a run will be refused.{" "}
                    <Link
                      href={hrefWith("/connections", { user, app: app.key })}
                      className="text-brand-700 font-medium hover:underline"
                    >
                      See their connections
                    </Link>
                  </>
                ) : (
                  <>
                    <Link href={entityHref(user)} className="font-medium hover:underline">
                      {user}
                    </Link>{" "}
                    has {connections.items.length} active {app.name} connection
                    {connections.items.length === 1 ? "" : "s"}.
                  </>
                )}
              </p>
            ) : null}
          </CardContent>
        </Card>

        {app ? null : (
          <Card>
            <CardHeader
              title="2. Action"
              description="Search the actions of every app by words in their names and descriptions, or choose an app above to browse its own."
            />
            <CardContent>
              <ActionSearchPanel
                search={search}
                user={user}
                apps={new Map(apps.map((a) => [a.key, a]))}
              />
            </CardContent>
          </Card>
        )}

        {app ? (
          <Card>
            <CardHeader
              title="2. Action"
              description={action ? undefined : `${app.name} has ${actions.length} actions.`}
              actions={
                action ? (
                  <Link
                    href={hrefWith("/actions", query)}
                    className="text-brand-700 text-sm font-medium hover:underline"
                  >
                    Change action
                  </Link>
                ) : null
              }
            />
            <CardContent>
              {params.action && !action ? (
                <Alert tone="warning" className="mb-4">
                  {app.name} has no action named {params.action}. Choose one below.
                </Alert>
              ) : null}
              {action ? (
                <div className="flex items-start gap-3">
                  {app.logo ? <AppLogo logo={app.logo} size={28} /> : null}
                  <div className="min-w-0 space-y-1">
                    <p className="text-base font-semibold text-slate-900">{action.displayName}</p>
                    <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
                      <code className="font-mono text-slate-800" data-testid="chosen-action">
                        {action.name}
                      </code>
                      <Badge>{action.method}</Badge>
                      <code className="font-mono break-all">{action.path}</code>
                    </p>
                    {action.description && action.description !== action.displayName ? (
                      <p className="text-sm text-slate-700">{action.description}</p>
                    ) : null}
                  </div>
                </div>
              ) : (
                <ActionPicker
                  query={query}
                  actions={actions.map((a) => ({
                    name: a.name,
                    displayName: a.displayName,
                    method: a.method,
                    path: a.path,
                  }))}
                />
              )}
            </CardContent>
          </Card>
        ) : null}

        {action ? (
          <Card>
            <CardHeader
              title="3. Parameters"
              description="Generated from the action's JSON Schema; the server checks them again before calling the app."
            />
            <CardContent>
              <SchemaForm
                key={`${action.name}|${user ?? ""}`}
                action={action.name}
                fields={fieldsOf(action.parameters)}
                entityId={user ?? null}
                connectionIds={connections?.items.map((c) => c.id) ?? []}
                canRun={canRun}
              />
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  );
}
