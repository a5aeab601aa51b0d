"use client";
import { OneTimeSecret } from "@/components/one-time-secret";
import { field, useActionForm } from "@/components/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createWebhookEndpointAction } from "../actions";

export function CreateEndpointForm({
  eventTypes,
}: {
  eventTypes: { type: string; description: string }[];
}) {
  const { result, pending, ready, formProps } = useActionForm((data) =>
    createWebhookEndpointAction({
      url: field(data, "url"),
      description: field(data, "description"),
      eventTypes: data.getAll("eventTypes").filter((v): v is string => typeof v === "string"),
    }),
  );
  return (
    <Card>
      <CardHeader
        title="Add endpoint"
        description="Keyport posts each chosen event to this URL, signed to the Standard Webhooks specification."
      />
      <CardContent className="space-y-4">
        <form {...formProps} className="space-y-4">
          <div className="space-y-1.5">
            <Label htmlFor="webhook-url">URL</Label>
            <Input
              id="webhook-url"
              name="url"
              type="url"
              required
              placeholder="https://example.com/webhooks/keyport"
              autoComplete="off"
            />
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="webhook-description">Description</Label>
            <Input id="webhook-description" name="description" maxLength={500} />
          </div>
          <fieldset className="space-y-1.5">
            <legend className="text-sm font-medium">Events</legend>
            <div className="grid gap-1 sm:grid-cols-2">
              {eventTypes.map((t) => (
                <label
                  key={t.type}
                  className="flex items-start gap-2 text-sm"
                  title={t.description}
                >
                  <input type="checkbox" name="eventTypes" value={t.type} className="mt-1" />
                  <code className="font-mono text-xs">{t.type}</code>
                </label>
              ))}
            </div>
          </fieldset>
          <Button type="submit" disabled={pending || !ready}>
            {pending ? "Adding…" : "Add endpoint"}
          </Button>
        </form>
        {result && !result.ok ? <Alert tone="error">{result.error}</Alert> : null}
        {result?.ok ? (
          <OneTimeSecret
            label="Signing secret"
            value={result.data.secret}
            message="Copy this secret now. You won't be able to see it again."
          />
        ) : null}
      </CardContent>
    </Card>
  );
}
