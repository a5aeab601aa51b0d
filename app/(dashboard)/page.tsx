import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { PageHeader } from "@/components/page-header";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { requireOperator } from "@/lib/auth/session";
import { availableApps } from "@/lib/core/apps";
import { connectionCountsByStatusAndApp } from "@/lib/core/overview";
import { appSummaries } from "@/app/(dashboard)/_components/connections/integration-groups";
import {
  AppsSection,
  AttentionSection,
  CreatedSection,
  ExecutionsSection,
  FailuresSection,
  StatusSection,
} from "./_components/overview";
import { SectionSkeleton } from "./_components/section-frame";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireOperator();
  // ?abandoned=1 lists the connect links nobody finished in "Needs attention" too.
  const showAbandoned = (await searchParams).abandoned === "1";
  const scope = { deps: ctx.deps, projectId: ctx.project.id };
  // The counts decide between the getting-started page and the dashboard; the rest streams in.
  const counts = await connectionCountsByStatusAndApp(ctx.deps, { projectId: ctx.project.id });
  const header = (
    <PageHeader
      title="Overview"
      description={`Connections, executions and problems of the ${ctx.project.name} project.`}
    />
  );
  if (counts.total === 0) {
    return (
      <>
        {header}
        <EmptyState
          title="Nothing to show yet: connect an app"
          description={
            ctx.deps.sandboxOrigin
              ? "Try the built-in sandbox first: connect a test entity (any username, password sandbox), run an action and see it in Logs — no account anywhere. Or set up an integration for a real app."
              : "Set up an integration for an app, then connect an entity to it. Connections and executions will be summarised here."
          }
          action={
            <div className="flex flex-wrap justify-center gap-2">
              {ctx.deps.sandboxOrigin ? (
                <Link href="/connections" className={buttonClasses("primary")}>
                  Try the sandbox
                </Link>
              ) : null}
              <Link
                href="/apps"
                className={buttonClasses(ctx.deps.sandboxOrigin ? "secondary" : "primary")}
              >
                Browse apps
              </Link>
              <Link href="/integrations" className={buttonClasses("secondary")}>
                Integrations
              </Link>
            </div>
          }
        />
      </>
    );
  }
  const apps = appSummaries(availableApps(ctx.deps));

  return (
    <>
      {header}
      <div className="grid gap-6 xl:grid-cols-2">
        <Suspense
          fallback={
            <SectionSkeleton
              title="Needs attention"
              description="Failed, expired, or the token refresh keeps failing"
              height="h-80"
            />
          }
        >
          <AttentionSection {...scope} apps={apps} showAbandoned={showAbandoned} />
        </Suspense>
        <Suspense
          fallback={
            <SectionSkeleton
              title="Recent failures"
              description="Failed executions, last 7 days"
              height="h-80"
            />
          }
        >
          <FailuresSection {...scope} />
        </Suspense>
        <StatusSection counts={counts} />
        <AppsSection counts={counts} apps={apps} />
        <Suspense
          fallback={
            <SectionSkeleton
              title="Executions"
              description="Per hour, last 24 hours (UTC)"
              height="h-72"
            />
          }
        >
          <ExecutionsSection {...scope} />
        </Suspense>
        <Suspense
          fallback={
            <SectionSkeleton
              title="New connections"
              description="Created per day, last 30 days (UTC)"
              height="h-72"
            />
          }
        >
          <CreatedSection {...scope} />
        </Suspense>
      </div>
    </>
  );
}
