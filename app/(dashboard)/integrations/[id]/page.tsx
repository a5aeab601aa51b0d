import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AppLogo } from "@/components/app-logo";
import { PageHeader } from "@/components/page-header";
import { Time } from "@/components/time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { requireOperator } from "@/lib/auth/session";
import { getApp } from "@/lib/catalog";
import { redirectUriOf } from "@/lib/core/flow-urls";
import { listConnections } from "@/lib/core/connections";
import { AppError } from "@/lib/core/errors";
import { getIntegration, type IntegrationView } from "@/lib/core/integrations";
import { can } from "@/lib/core/roles";
import { schemeLabel } from "@/lib/catalog/labels";
import { IntegrationControls } from "../_components/integration-controls";
import { IntegrationForm } from "../_components/integration-form";
import { appProps, schemeOptions } from "../_lib/form-props";

export const metadata: Metadata = { title: "Integration" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr]">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0 text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

export default async function IntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireOperator();
  const { id } = await params;
  let integration: IntegrationView;
  try {
    integration = await getIntegration(ctx.deps, { projectId: ctx.project.id, id });
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
  const app = getApp(integration.appKey, { sandboxOrigin: ctx.deps.sandboxOrigin });
  const { totalItems: connectionCount } = await listConnections(ctx.deps, {
    projectId: ctx.project.id,
    integrationIds: [integration.id],
    limit: 1,
    withTotal: true,
  });
  const canManage = can(ctx.role, "integrations.manage");

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/integrations" className="text-brand-700 hover:underline">
          ← Integrations
        </Link>
      </p>
      <PageHeader
        title={integration.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            {app ? <AppLogo logo={app.logo} size={20} /> : null}
            {app?.name ?? integration.appKey} · {schemeLabel(integration.authScheme)} ·{" "}
            <code className="font-mono text-xs">{integration.id}</code>
            {integration.enabled ? (
              <Badge tone="green" dot>
                Enabled
              </Badge>
            ) : (
              <Badge tone="neutral" dot>
                Disabled
              </Badge>
            )}
          </span>
        }
        actions={
          canManage ? (
            <IntegrationControls
              id={integration.id}
              name={integration.name}
              enabled={integration.enabled}
              connections={connectionCount}
            />
          ) : null
        }
      />
      <div className="max-w-3xl space-y-6">
        <Card>
          <CardContent>
            <dl className="divide-y divide-slate-100">
              <Row label="Connections">
                <Link
                  href={`/connections?integration=${encodeURIComponent(integration.id)}`}
                  className="text-brand-700 hover:underline"
                >
                  {connectionCount} connection{connectionCount === 1 ? "" : "s"}
                </Link>
              </Row>
              <Row label="Created">
                <Time value={integration.createdAt} />
              </Row>
              <Row label="Updated">
                <Time value={integration.updatedAt} />
              </Row>
            </dl>
          </CardContent>
        </Card>
        {canManage && app ? (
          <IntegrationForm
            app={appProps(app)}
            schemes={schemeOptions(app)}
            redirectUri={redirectUriOf(ctx.deps)}
            existing={{
              id: integration.id,
              name: integration.name,
              authScheme: integration.authScheme,
              clientId: integration.clientId ?? "",
              clientSecretSet: integration.clientSecretSet,
              scopes: integration.scopes,
              authorizeUrl: integration.authorizeUrl ?? "",
              tokenUrl: integration.tokenUrl ?? "",
              apiBaseUrl: integration.apiBaseUrl ?? "",
            }}
          />
        ) : (
          <Card>
            <CardHeader
              title="Settings"
              description={
                canManage ? undefined : "You need the admin role to change this integration."
              }
            />
            <CardContent>
              {app ? null : (
                <Alert tone="warning" className="mb-3">
                  The app “{integration.appKey}” is not available on this server.
                </Alert>
              )}
              <dl className="divide-y divide-slate-100">
                <Row label="Client id">
                  {integration.clientId ? (
                    <code className="font-mono text-xs">{integration.clientId}</code>
                  ) : (
                    "—"
                  )}
                </Row>
                <Row label="Scopes">
                  {integration.scopes.length ? integration.scopes.join(" ") : "—"}
                </Row>
                {integration.authorizeUrl ? (
                  <Row label="Authorize URL">{integration.authorizeUrl}</Row>
                ) : null}
                {integration.tokenUrl ? <Row label="Token URL">{integration.tokenUrl}</Row> : null}
                {integration.apiBaseUrl ? (
                  <Row label="API base URL">{integration.apiBaseUrl}</Row>
                ) : null}
              </dl>
            </CardContent>
          </Card>
        )}
      </div>
    </>
  );
}
