import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { requireOperator } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Actions" };

export default async function ActionsPage() {
  await requireOperator();
  return (
    <>
      <PageHeader
        title="Actions"
        description="Operations Keyport can run on an app's API for one of your entities."
      />
      <EmptyState
        title="No actions to show"
        description="Actions are listed per app. Set up an integration for an app to see and try its actions here."
        action={
          <Link href="/apps" className={buttonClasses("primary")}>
            Browse apps
          </Link>
        }
      />
    </>
  );
}
