"use client";
// Disable/enable, reconnect link and delete (support and admin; the actions re-check the role).
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useHydrated } from "@/components/ui/use-hydrated";
import {
  createReconnectLinkAction,
  deleteConnectionAction,
  setConnectionEnabledAction,
} from "../../actions";
import { ConnectLink } from "../../_components/connect-link";
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
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<{ redirectUrl: string; expiresAt: string } | null>(null);

  const toggle = () =>
    startTransition(async () => {
      setError(null);
      const result = await setConnectionEnabledAction({ id, enabled: !enabled });
      if (!result.ok) setError(result.error);
    });
  const reconnect = () =>
    startTransition(async () => {
      setError(null);
      const result = await createReconnectLinkAction({ id });
      if (!result.ok) return setError(result.error);
      setLink(result.data);
      // Best effort: the link is shown with its own copy button when the browser refuses.
      // Not awaited: a pending permission prompt must not hold the buttons disabled.
      void navigator.clipboard?.writeText(result.data.redirectUrl).catch(() => undefined);
    });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" size="sm" onClick={toggle} disabled={pending || !hydrated}>
          {enabled ? "Disable" : "Enable"}
        </Button>
        {canReconnect ? (
          <Button variant="secondary" size="sm" onClick={reconnect} disabled={pending || !hydrated}>
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
