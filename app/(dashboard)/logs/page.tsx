import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireOperator } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Logs" };

export default async function LogsPage() {
  await requireOperator();
  return (
    <>
      <PageHeader
        title="Logs"
        description="Every action run and proxy request made through Keyport, newest first."
      />
      <EmptyState
        title="No executions yet"
        description="When your backend executes an action through the API, each run is recorded here with its status and duration."
      />
    </>
  );
}
