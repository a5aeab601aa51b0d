import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { RoleRequired } from "@/components/role-required";
import { Time } from "@/components/time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireOperator } from "@/lib/auth/session";
import { AppError } from "@/lib/core/errors";
import { can } from "@/lib/core/roles";
import { getWebhookEndpoint } from "@/lib/core/webhooks/endpoints";
import { listWebhookDeliveries } from "@/lib/core/webhooks/log";
import { EndpointButtons, ReplayButton } from "../_components/endpoint-buttons";

export const metadata: Metadata = { title: "Webhook endpoint" };

const TONE = { delivered: "green", pending: "amber", failed: "red", cancelled: "slate" } as const;

export default async function WebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ event?: string }>;
}) {
  const ctx = await requireOperator();
  if (!can(ctx.role, "settings.manage")) {
    return (
      <>
        <PageHeader title="Webhook endpoint" />
        <RoleRequired currentRole={ctx.role} what="see and manage webhooks" />
      </>
    );
  }
  const { id } = await params;
  const { event } = await searchParams;
  const endpoint = await getWebhookEndpoint(ctx.deps, { projectId: ctx.project.id, id }).catch(
    (err: unknown) => {
      if (err instanceof AppError && err.code === "not_found") notFound();
      throw err;
    },
  );
  const messageId = typeof event === "string" && event.length < 100 ? event : undefined;
  const deliveries = await listWebhookDeliveries(ctx.deps, {
    projectId: ctx.project.id,
    endpointId: endpoint.id,
    messageId,
  });
  return (
    <>
      <PageHeader title={endpoint.url} description={endpoint.description || "Webhook endpoint"} />
      <div className="space-y-6">
        {!endpoint.enabled && endpoint.disabledReason ? (
          <Alert tone="warning">
            Keyport disabled this endpoint: {endpoint.disabledReason}. Enable it again once the
            receiver works.
          </Alert>
        ) : null}
        <Card>
          <CardHeader title="Endpoint" description={`Events: ${endpoint.eventTypes.join(", ")}`} />
          <CardContent className="space-y-3 text-sm">
            <div>
              Status:{" "}
              {endpoint.enabled ? (
                <Badge tone="green" dot>
                  Enabled
                </Badge>
              ) : (
                <Badge tone="red">Disabled</Badge>
              )}
              {endpoint.previousSecretUntil ? (
                <span className="ml-3 text-slate-600">
                  The previous secret signs too until <Time value={endpoint.previousSecretUntil} />
                </span>
              ) : null}
              {endpoint.failingSince ? (
                <span className="ml-3 text-slate-600">
                  Failing since <Time value={endpoint.failingSince} />
                </span>
              ) : null}
            </div>
            <EndpointButtons id={endpoint.id} enabled={endpoint.enabled} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader
            title={messageId ? `Deliveries of event ${messageId}` : "Delivery log"}
            description="Every attempt: status code, latency, the start of the answer, the next attempt."
          />
          {messageId ? (
            <div className="px-5">
              <Link href={`/settings/webhooks/${endpoint.id}`} className="text-sm hover:underline">
                Show every event
              </Link>
            </div>
          ) : null}
          {deliveries.length === 0 ? (
            <div className="p-5">
              <EmptyState title="No deliveries yet" description="Send a test event to try it." />
            </div>
          ) : (
            <Table label="Webhook deliveries">
              <THead>
                <TR>
                  <TH>Event</TH>
                  <TH>Status</TH>
                  <TH>Attempts</TH>
                  <TH>Created</TH>
                  <TH>
                    <span className="sr-only">Actions</span>
                  </TH>
                </TR>
              </THead>
              <TBody>
                {deliveries.map((d) => (
                  <TR key={d.id}>
                    <TD>
                      <div className="font-mono text-xs">{d.eventType}</div>
                      <Link
                        href={`/settings/webhooks/${endpoint.id}?event=${d.messageId}`}
                        className="font-mono text-xs text-slate-500 hover:underline"
                      >
                        {d.messageId}
                      </Link>
                      {d.subjectId ? (
                        <div className="font-mono text-xs text-slate-500">{d.subjectId}</div>
                      ) : null}
                    </TD>
                    <TD>
                      <Badge tone={TONE[d.status]}>{d.status}</Badge>
                      {d.status === "pending" && d.nextAttemptAt ? (
                        <div className="text-xs text-slate-500">
                          next <Time value={d.nextAttemptAt} />
                        </div>
                      ) : null}
                    </TD>
                    <TD>
                      <ol className="space-y-1 text-xs">
                        {d.attempts.map((a, i) => (
                          <li key={i}>
                            <Time value={a.at} /> · {a.statusCode ?? "no answer"} · {a.latencyMs} ms
                            {a.error ? ` · ${a.error}` : ""}
                            {a.responseExcerpt ? (
                              <code className="block max-w-md truncate text-slate-500">
                                {a.responseExcerpt}
                              </code>
                            ) : null}
                          </li>
                        ))}
                      </ol>
                    </TD>
                    <TD>
                      <Time value={d.createdAt} />
                    </TD>
                    <TD className="text-right">
                      {d.status === "pending" ? null : <ReplayButton id={d.id} />}
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
