"use client";
// Create a connection for an entity through one integration; shows the connect link to send.
import Link from "next/link";
import { field, useActionForm } from "@/components/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { createConnectionAction } from "@/app/(dashboard)/_actions/connections";
import { ConnectLink } from "./connect-link";

export interface IntegrationGroup {
  appKey: string;
  appName: string;
  integrations: Array<{ id: string; name: string }>;
}

export function NewConnectionForm({
  groups,
  entityId,
}: {
  groups: IntegrationGroup[];
  /** Fixed entity (on an entity's page); otherwise the operator types it. */
  entityId?: string;
}) {
  const { result, pending, ready, formProps } = useActionForm(
    (data) =>
      createConnectionAction({
        userId: entityId ?? field(data, "userId"),
        integrationId: field(data, "integrationId"),
      }),
    { resetOnSuccess: false },
  );
  if (groups.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No enabled integration yet.{" "}
        <Link href="/apps" className="text-brand-700 font-medium underline">
          Set up an app
        </Link>{" "}
        first.
      </p>
    );
  }
  return (
    <div className="space-y-4">
      <form
        {...formProps}
        className={
          entityId
            ? "grid items-end gap-3 sm:grid-cols-[1fr_auto]"
            : "grid items-end gap-3 md:grid-cols-[1fr_1fr_auto]"
        }
      >
        {entityId ? null : (
          <Field id="new-connection-entity" label="Entity id">
            <Input
              id="new-connection-entity"
              name="userId"
              required
              maxLength={200}
              placeholder="user_123"
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
        )}
        <Field id="new-connection-integration" label="Integration">
          <Select id="new-connection-integration" name="integrationId" required defaultValue="">
            <option value="" disabled>
              Choose an integration…
            </option>
            {groups.map((g) => (
              <optgroup key={g.appKey} label={g.appName}>
                {g.integrations.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={pending || !ready}>
          {pending ? "Creating…" : "Create connection"}
        </Button>
      </form>
      {result && !result.ok ? <Alert tone="error">{result.error}</Alert> : null}
      {result?.ok ? (
        <div className="space-y-2">
          {result.data.link ? (
            <ConnectLink
              title={`Connect link for ${result.data.entityId}`}
              redirectUrl={result.data.link.redirectUrl}
              expiresAt={result.data.link.expiresAt}
            />
          ) : (
            <Alert tone="success">The connection is active: this app needs no sign-in.</Alert>
          )}
          <p className="text-sm">
            <Link
              href={`/connections/${result.data.id}`}
              className="text-brand-700 font-medium hover:underline"
            >
              Open connection {result.data.id} →
            </Link>
          </p>
        </div>
      ) : null}
    </div>
  );
}
