import type { Metadata } from "next";
import Link from "next/link";
import { AppLogo } from "@/components/app-logo";
import { PageHeader } from "@/components/page-header";
import { RoleRequired } from "@/components/role-required";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Field } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { requireOperator } from "@/lib/auth/session";
import { getApp } from "@/lib/catalog";
import { availableApps } from "@/lib/core/apps";
import { redirectUriOf } from "@/lib/core/flow-urls";
import { can } from "@/lib/core/roles";
import { IntegrationForm } from "../_components/integration-form";
import { appProps, schemeOptions } from "../_lib/form-props";

export const metadata: Metadata = { title: "New integration" };

export default async function NewIntegrationPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireOperator();
  if (!can(ctx.role, "integrations.manage")) {
    return (
      <>
        <PageHeader title="New integration" />
        <RoleRequired currentRole={ctx.role} what="create integrations" />
      </>
    );
  }
  const { app: appParam } = await searchParams;
  const key = typeof appParam === "string" ? appParam.toLowerCase() : "";
  const app = key ? getApp(key, { sandboxOrigin: ctx.deps.sandboxOrigin }) : undefined;

  if (!app) {
    return (
      <>
        <PageHeader
          title="New integration"
          description="Choose the app to set up, or browse the catalog."
        />
        <Card className="max-w-xl">
          <CardContent>
            <form method="get" action="/integrations/new" className="flex items-end gap-3">
              <div className="flex-1">
                <Field id="new-integration-app" label="App">
                  <Select id="new-integration-app" name="app" required defaultValue="">
                    <option value="" disabled>
                      Choose an app…
                    </option>
                    {availableApps(ctx.deps).map((a) => (
                      <option key={a.key} value={a.key}>
                        {a.name}
                      </option>
                    ))}
                  </Select>
                </Field>
              </div>
              <Button type="submit">Continue</Button>
            </form>
            {key ? (
              <p role="alert" className="mt-3 text-sm text-red-700">
                App “{key}” is not in the catalog.
              </p>
            ) : null}
            <p className="mt-4 text-sm text-slate-600">
              Or{" "}
              <Link href="/apps" className="text-brand-700 font-medium underline">
                browse the apps
              </Link>
              .
            </p>
          </CardContent>
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={`Set up ${app.name}`}
        description={
          <span className="inline-flex items-center gap-2">
            <AppLogo logo={app.logo} size={20} />
            {app.description}
          </span>
        }
      />
      <div className="max-w-3xl">
        <IntegrationForm
          app={appProps(app)}
          schemes={schemeOptions(app)}
          redirectUri={redirectUriOf(ctx.deps)}
        />
      </div>
    </>
  );
}
