import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { RoleRequired } from "@/components/role-required";
import { requireOperator } from "@/lib/auth/session";
import { can } from "@/lib/core/roles";
import { NewProjectForm } from "./_components/new-project-form";

export const metadata: Metadata = { title: "New project" };

export default async function NewProjectPage() {
  const ctx = await requireOperator();
  return (
    <>
      <PageHeader
        title="New project"
        description="A project has its own API keys, integrations, entities, connections and members."
      />
      {can(ctx.role, "projects.create") ? (
        <NewProjectForm />
      ) : (
        <RoleRequired currentRole={ctx.role} what="create projects" />
      )}
    </>
  );
}
