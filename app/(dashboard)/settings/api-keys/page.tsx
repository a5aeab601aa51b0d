import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { RoleRequired } from "@/components/role-required";
import { Time } from "@/components/time";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireOperator } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/core/api-keys";
import { can } from "@/lib/core/roles";
import { CreateApiKeyForm } from "./_components/create-api-key-form";
import { RevokeApiKeyButton } from "./_components/revoke-api-key-button";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const ctx = await requireOperator();
  const header = (
    <PageHeader
      title="API keys"
      description={`Keys your backend uses to call Keyport's API for the ${ctx.project.name} project.`}
    />
  );
  if (!can(ctx.role, "api_keys.manage")) {
    return (
      <>
        {header}
        <RoleRequired currentRole={ctx.role} what="see and manage API keys" />
      </>
    );
  }
  const keys = await listApiKeys(ctx.deps, ctx.project.id);
  return (
    <>
      {header}
      <div className="space-y-6">
        <CreateApiKeyForm />
        <Card>
          <CardHeader
            title="Keys"
            description="Send a key in the x-api-key header. Revoking takes effect at once."
          />
          {keys.length === 0 ? (
            <div className="p-5">
              <EmptyState title="No API keys yet" description="Create one above to call the API." />
            </div>
          ) : (
            <Table label="API keys">
              <THead>
                <TR>
                  <TH>Name</TH>
                  <TH>Key</TH>
                  <TH>Created</TH>
                  <TH>Last used</TH>
                  <TH>Status</TH>
                  <TH>
                    <span className="sr-only">Actions</span>
                  </TH>
                </TR>
              </THead>
              <TBody>
                {keys.map((k) => (
                  <TR key={k.id}>
                    <TD className="font-medium">{k.name}</TD>
                    <TD>
                      <code className="font-mono text-xs text-slate-700">{k.prefix}…</code>
                    </TD>
                    <TD>
                      <Time value={k.createdAt} />
                    </TD>
                    <TD>
                      <Time value={k.lastUsedAt} empty="Never" />
                    </TD>
                    <TD>
                      {k.revokedAt ? (
                        <Badge tone="slate">Revoked</Badge>
                      ) : (
                        <Badge tone="green" dot>
                          Active
                        </Badge>
                      )}
                    </TD>
                    <TD className="text-right">
                      {k.revokedAt ? null : <RevokeApiKeyButton id={k.id} name={k.name} />}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
