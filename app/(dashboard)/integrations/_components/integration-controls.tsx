"use client";
// Enable/disable and delete an integration (admins). Delete is refused while connections use it.
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
}: {
  id: string;
  name: string;
  enabled: boolean;
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
        description="Its client credentials are erased. An integration that still has connections cannot be deleted: delete them first."
        confirmLabel="Delete integration"
        onConfirm={async () => {
          const result = await deleteIntegrationAction({ id });
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
