"use client";
// Disable/enable and the reconnect link for one connection, shared by the connection page and
// an entity's page. The server actions re-check the role; hidden buttons are not the gate.
import { useState, useTransition } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import {
  createReconnectLinkAction,
  setConnectionEnabledAction,
} from "@/app/(dashboard)/_actions/connections";

export function useConnectionControls(
  id: string,
  enabled: boolean,
  opts: { afterToggle?: () => void } = {},
) {
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<{ redirectUrl: string; expiresAt: string } | null>(null);

  const toggle = () =>
    startTransition(async () => {
      setError(null);
      const r = await setConnectionEnabledAction({ id, enabled: !enabled });
      if (!r.ok) return setError(r.error);
      opts.afterToggle?.();
    });
  const reconnect = () =>
    startTransition(async () => {
      setError(null);
      const r = await createReconnectLinkAction({ id });
      if (!r.ok) return setError(r.error);
      setLink(r.data);
      // Best effort: the link is shown with its own copy button when the browser refuses.
      // Not awaited: a pending permission prompt must not hold the buttons disabled.
      void navigator.clipboard?.writeText(r.data.redirectUrl).catch(() => undefined);
    });

  return {
    pending,
    /** Buttons wait for hydration and for the running action. */
    busy: pending || !hydrated,
    startTransition,
    error,
    setError,
    link,
    toggle,
    reconnect,
  };
}
