import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { RoleRequired } from "@/components/role-required";
import { Time } from "@/components/time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireOperator } from "@/lib/auth/session";
import { can } from "@/lib/core/roles";
import { listWebhookEndpoints } from "@/lib/core/webhooks/endpoints";
import { WEBHOOK_EVENT_TYPES, webhookEventTypes } from "@/lib/core/webhooks/event-types";
import { CreateEndpointForm } from "./_components/create-endpoint-form";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const ctx = await requireOperator();
  const header = (
    <PageHeader
      title="Webhooks"
      description={`Signed events for every connection change in the ${ctx.project.name} project.`}
    />
  );
  if (!can(ctx.role, "settings.manage")) {
    return (
      <>
        {header}
        <RoleRequired currentRole={ctx.role} what="see and manage webhooks" />
      </>
    );
  }
  const endpoints = await listWebhookEndpoints(ctx.deps, { projectId: ctx.project.id });
  const disabledByKeyport = endpoints.filter((e) => !e.enabled && e.disabledReason);
  return (
    <>
      {header}
      <div className="space-y-6">
        {disabledByKeyport.map((e) => (
          <Alert key={e.id} tone="warning">
            Keyport disabled the endpoint <Link href={`/settings/webhooks/${e.id}`}>{e.url}</Link>:{" "}
            {e.disabledReason}. Fix the receiver, then enable it again.
          </Alert>
        ))}
        <Card>
          <CardHeader
            title="Endpoints"
            description="Each endpoint has its own signing secret. Verify every delivery (webhook-id, webhook-timestamp, webhook-signature)."
          />
          {endpoints.length === 0 ? (
            <div className="p-5">
              <EmptyState
                title="No endpoints yet"
                description="Add one below to be told when a connection changes."
              />
            </div>
          ) : (
            <Table label="Webhook endpoints">
              <THead>
                <TR>
                  <TH>URL</TH>
                  <TH>Events</TH>
                  <TH>Created</TH>
                  <TH>Status</TH>
                </TR>
              </THead>
              <TBody>
                {endpoints.map((e) => (
                  <TR key={e.id}>
                    <TD className="font-medium">
                      <Link href={`/settings/webhooks/${e.id}`} className="hover:underline">
                        {e.url}
                      </Link>
                      {e.description ? (
                        <div className="text-xs text-slate-500">{e.description}</div>
                      ) : null}
                    </TD>
                    <TD className="text-xs">{e.eventTypes.join(", ")}</TD>
                    <TD>
                      <Time value={e.createdAt} />
                    </TD>
                    <TD>
                      {e.enabled ? (
                        <Badge tone="green" dot>
                          Enabled
                        </Badge>
                      ) : (
                        <Badge tone={e.disabledReason ? "red" : "slate"}>Disabled</Badge>
                      )}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
        <CreateEndpointForm
          eventTypes={webhookEventTypes.map((t) => ({
            type: t,
            description: WEBHOOK_EVENT_TYPES[t],
          }))}
        />
      </div>
    </>
  );
}
