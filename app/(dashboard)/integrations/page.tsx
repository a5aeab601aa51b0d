import type { Metadata } from "next";
import Link from "next/link";
import { AppLogo } from "@/components/app-logo";
import { PageHeader } from "@/components/page-header";
import { Time } from "@/components/time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireOperator } from "@/lib/auth/session";
import { availableApps } from "@/lib/core/apps";
import { listIntegrations } from "@/lib/core/integrations";
import { can } from "@/lib/core/roles";
import { schemeLabel } from "@/lib/catalog/labels";

export const metadata: Metadata = { title: "Integrations" };

const OAUTH = new Set(["OAUTH2", "OAUTH1"]);

export default async function IntegrationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireOperator();
  const { created } = await searchParams;
  const canManage = can(ctx.role, "integrations.manage");
  const integrations = await listIntegrations(ctx.deps, { projectId: ctx.project.id });
  const apps = new Map(availableApps(ctx.deps).map((a) => [a.key, a]));
  const justCreated = integrations.find((i) => i.id === created);

  return (
    <>
      <PageHeader
        title="Integrations"
        description={`How the ${ctx.project.name} project authenticates with each app: scheme, OAuth client and scopes.`}
        actions={
          canManage ? (
            <Link href="/apps" className={buttonClasses("primary")}>
              New integration
            </Link>
          ) : null
        }
      />
      {canManage ? null : (
        <Alert tone="info" className="mb-6">
          You can see the integrations. You need the admin role to create or change them.
        </Alert>
      )}
      {justCreated ? (
        <Alert tone="success" className="mb-6">
          Integration “{justCreated.name}” created. Entities can now connect{" "}
          {apps.get(justCreated.appKey)?.name ?? justCreated.appKey} through it.
        </Alert>
      ) : null}
      {integrations.length === 0 ? (
        <EmptyState
          title="No integrations yet"
          description="An integration holds your OAuth client (or says which credentials end users type) for one app."
          action={
            canManage ? (
              <Link href="/apps" className={buttonClasses("primary")}>
                Browse apps
              </Link>
            ) : null
          }
        />
      ) : (
        <Card>
          <Table label="Integrations">
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>App</TH>
                <TH>Scheme</TH>
                <TH>Status</TH>
                {canManage ? <TH>Client secret</TH> : null}
                <TH>Created</TH>
              </TR>
            </THead>
            <TBody>
              {integrations.map((i) => {
                const app = apps.get(i.appKey);
                return (
                  <TR key={i.id}>
                    <TD>
                      <Link
                        href={`/integrations/${i.id}`}
                        className="text-brand-700 font-medium hover:underline"
                      >
                        {i.name}
                      </Link>
                      <p className="font-mono text-xs text-slate-500">{i.id}</p>
                    </TD>
                    <TD>
                      <span className="flex items-center gap-2 whitespace-nowrap">
                        {app ? <AppLogo logo={app.logo} size={20} /> : null}
                        {app?.name ?? i.appKey}
                      </span>
                    </TD>
                    <TD className="whitespace-nowrap">{schemeLabel(i.authScheme)}</TD>
                    <TD>
                      {i.enabled ? (
                        <Badge tone="green" dot>
                          Enabled
                        </Badge>
                      ) : (
                        <Badge tone="neutral" dot>
                          Disabled
                        </Badge>
                      )}
                    </TD>
                    {canManage ? (
                      <TD className="whitespace-nowrap">
                        {OAUTH.has(i.authScheme) ? (
                          i.clientSecretSet ? (
                            <Badge tone="green">Secret: set</Badge>
                          ) : (
                            <Badge tone="amber">Secret: not set</Badge>
                          )
                        ) : (
                          <span className="text-slate-500">Not needed</span>
                        )}
                      </TD>
                    ) : null}
                    <TD className="whitespace-nowrap">
                      <Time value={i.createdAt} />
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        </Card>
      )}
    </>
  );
}
