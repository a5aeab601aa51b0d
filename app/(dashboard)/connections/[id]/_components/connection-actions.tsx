"use client";
// Disable/enable, reconnect link and delete (support and admin; the actions re-check the role).
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { deleteConnectionAction } from "@/app/(dashboard)/_actions/connections";
import { ConnectLink } from "@/app/(dashboard)/_components/connections/connect-link";
import { useConnectionControls } from "@/app/(dashboard)/_components/connections/use-connection-controls";
import { useOnDeleted } from "./deletable-connection";

export function ConnectionActions({
  id,
  enabled,
  canReconnect,
}: {
  id: string;
  enabled: boolean;
  canReconnect: boolean;
}) {
  const onDeleted = useOnDeleted();
  const { pending, busy, error, link, toggle, reconnect } = useConnectionControls(id, enabled);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" size="sm" onClick={toggle} disabled={busy}>
          {enabled ? "Disable" : "Enable"}
        </Button>
        {canReconnect ? (
          <Button variant="secondary" size="sm" onClick={reconnect} disabled={busy}>
            Copy reconnect link
          </Button>
        ) : null}
        <ConfirmDialog
          triggerLabel="Delete"
          triggerAriaLabel={`Delete connection ${id}`}
          title={`Delete connection ${id}?`}
          description="Keyport revokes its tokens at the provider, then erases the stored credentials. Your backend can no longer act for this entity through it. This cannot be undone."
          confirmLabel="Delete connection"
          onConfirm={async () => {
            const result = await deleteConnectionAction({ id });
            if (!result.ok) return result.error;
            onDeleted(result.data);
            return null;
          }}
        />
        {pending ? <span className="text-sm text-slate-600">Working…</span> : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {link ? (
        <ConnectLink
          title="Reconnect link (same connection)"
          redirectUrl={link.redirectUrl}
          expiresAt={link.expiresAt}
        />
      ) : null}
    </div>
  );
}
