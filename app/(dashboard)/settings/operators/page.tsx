import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { RoleRequired } from "@/components/role-required";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireOperator } from "@/lib/auth/session";
import { listMembers } from "@/lib/core/operators";
import { can } from "@/lib/core/roles";
import { AddOperatorForm } from "./_components/add-operator-form";
import { MemberActions } from "./_components/member-actions";

export const metadata: Metadata = { title: "Operators" };

export default async function OperatorsPage() {
  const ctx = await requireOperator();
  const header = (
    <PageHeader
      title="Operators"
      description={`People who can sign in to the ${ctx.project.name} project, and their roles.`}
    />
  );
  if (!can(ctx.role, "operators.manage")) {
    return (
      <>
        {header}
        <RoleRequired currentRole={ctx.role} what="see and manage operators" />
      </>
    );
  }
  const members = await listMembers(ctx.deps, ctx.project.id);
  return (
    <>
      {header}
      <div className="space-y-6">
        <AddOperatorForm />
        <Card>
          <CardHeader
            title="Members"
            description="Viewers read; support also operates connections and runs actions; admins manage everything."
          />
          <Table label="Members">
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>Email</TH>
                <TH>Role</TH>
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {members.map((m) => (
                <TR key={m.id}>
                  <TD className="font-medium">
                    {m.name}
                    {m.id === ctx.operator.id ? (
                      <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>
                    ) : null}
                  </TD>
                  <TD>{m.email}</TD>
                  <TD>
                    <Badge tone={m.role === "admin" ? "blue" : "neutral"}>{m.role}</Badge>
                  </TD>
                  <TD>
                    <MemberActions operatorId={m.id} email={m.email} role={m.role} />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
      </div>
    </>
  );
}
