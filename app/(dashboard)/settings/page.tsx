import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { Alert } from "@/components/ui/alert";
import { requireOperator } from "@/lib/auth/session";
import { getProjectSettings } from "@/lib/core/projects";
import { can } from "@/lib/core/roles";
import { ProjectSettingsForm } from "./_components/project-settings-form";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage() {
  const ctx = await requireOperator();
  const settings = await getProjectSettings(ctx.deps, ctx.project.id);
  const canEdit = can(ctx.role, "settings.manage");
  return (
    <>
      <PageHeader
        title="Project settings"
        description={
          <>
            Project id{" "}
            <code className="rounded bg-slate-100 px-1 font-mono text-xs">{settings.id}</code>
          </>
        }
      />
      {canEdit ? null : (
        <Alert tone="info" className="mb-6">
          You can read these settings. You need the admin role to change them.
        </Alert>
      )}
      <ProjectSettingsForm
        canEdit={canEdit}
        initial={{
          name: settings.name,
          allowedReturnOrigins: settings.allowedReturnOrigins.join("\n"),
          brandingName: settings.brandingName ?? "",
          brandingLogoUrl: settings.brandingLogoUrl ?? "",
          brandingAccent: settings.brandingAccent ?? "",
        }}
      />
    </>
  );
}
