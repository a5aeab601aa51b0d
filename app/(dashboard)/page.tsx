import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { requireOperator } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const ctx = await requireOperator();
  return (
    <>
      <PageHeader
        title="Overview"
        description={`Connections, executions and activity of the ${ctx.project.name} project.`}
      />
      <EmptyState
        title="Nothing to show yet: connect an app"
        description="Set up an integration for an app, then connect an entity to it. Connections and executions will be summarised here."
        action={
          <div className="flex flex-wrap justify-center gap-2">
            <Link href="/apps" className={buttonClasses("primary")}>
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
