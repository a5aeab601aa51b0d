"use client";
// Enable/disable and delete an integration (admins); deleting offers to delete its connections too.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useHydrated } from "@/components/ui/use-hydrated";
import { deleteIntegrationAction, setIntegrationEnabledAction } from "../actions";

export function IntegrationControls({
  id,
  name,
  enabled,
  connections = 0,
}: {
  id: string;
  name: string;
  enabled: boolean;
  /** How many connections use it: deleting then offers to delete them too. */
  connections?: number;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const toggle = () =>
    startTransition(async () => {
      setError(null);
      const result = await setIntegrationEnabledAction({ id, enabled: !enabled });
      if (!result.ok) setError(result.error);
    });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" size="sm" onClick={toggle} disabled={pending || !hydrated}>
        {enabled ? "Disable" : "Enable"}
      </Button>
      <ConfirmDialog
        triggerLabel="Delete"
        triggerAriaLabel={`Delete integration ${name}`}
        title={`Delete the integration "${name}"?`}
        description={
          connections > 0
            ? `Its client credentials are erased, and its ${connections} connection${connections === 1 ? " is" : "s are"} revoked at the provider (where it supports revocation) and deleted too. This cannot be undone.`
            : "Its client credentials are erased."
        }
        confirmLabel={
          connections > 0
            ? `Delete integration and ${connections} connection${connections === 1 ? "" : "s"}`
            : "Delete integration"
        }
        onConfirm={async () => {
          const result = await deleteIntegrationAction({ id, withConnections: connections > 0 });
          if (!result.ok) return result.error;
          router.push("/integrations");
          return null;
        }}
      />
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
