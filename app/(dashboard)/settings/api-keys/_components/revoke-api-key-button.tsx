"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import { revokeApiKeyAction } from "../actions";

export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  return (
    <ConfirmDialog
      triggerLabel="Revoke"
      triggerAriaLabel={`Revoke API key ${name}`}
      title={`Revoke the API key "${name}"?`}
      description="Requests that use this key will be refused at once. This cannot be undone."
      confirmLabel="Revoke key"
      onConfirm={async () => {
        const result = await revokeApiKeyAction({ id });
        return result.ok ? null : result.error;
      }}
    />
  );
}
