"use client";
// What support does about one connection from the entity's page: run the test action, issue a
// reconnect link, disable/enable. Each server action re-checks the role; hidden buttons are not the gate.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConnectLink } from "@/app/(dashboard)/_components/connections/connect-link";
import { useConnectionControls } from "@/app/(dashboard)/_components/connections/use-connection-controls";
import { runTestActionAction } from "../actions";

type TestOutcome =
  | { ok: true; action: string; httpStatus: number | null; identity: string | null }
  | { ok: false; error: string };

export function SupportActions({
  id,
  label,
  enabled,
  canOperate,
  canReconnect,
  testAction,
}: {
  id: string;
  /** "GitHub connection ca_…", for the buttons' accessible names. */
  label: string;
  enabled: boolean;
  canOperate: boolean;
  canReconnect: boolean;
  /** The app's test action when the operator may run it; null hides the button. */
  testAction: string | null;
}) {
  const router = useRouter();
  const { pending, busy, startTransition, error, setError, link, toggle, reconnect } =
    useConnectionControls(id, enabled, { afterToggle: () => router.refresh() });
  const [test, setTest] = useState<TestOutcome | null>(null);

  const runTest = () =>
    startTransition(async () => {
      setError(null);
      setTest(null);
      const r = await runTestActionAction({ id });
      if (!r.ok) setTest({ ok: false, error: r.error });
      else if (r.data.successful)
        setTest({
          ok: true,
          action: r.data.action,
          httpStatus: r.data.httpStatus,
          identity: r.data.identity,
        });
      else setTest({ ok: false, error: r.data.error ?? "The test action failed" });
      // Last success, recent errors and the status may all have changed.
      router.refresh();
    });

  if (!canOperate && !testAction) return null;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {testAction ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={runTest}
            disabled={busy}
            aria-label={`Run test action on ${label}`}
          >
            Run test action
          </Button>
        ) : null}
        {canOperate && canReconnect ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={reconnect}
            disabled={busy}
            aria-label={`Copy reconnect link for ${label}`}
          >
            Copy reconnect link
          </Button>
        ) : null}
        {canOperate ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={toggle}
            disabled={busy}
            aria-label={`${enabled ? "Disable" : "Enable"} ${label}`}
          >
            {enabled ? "Disable" : "Enable"}
          </Button>
        ) : null}
        {pending ? <span className="text-sm text-slate-600">Working…</span> : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {test ? (
        test.ok ? (
          <Alert tone="success" title="Test action succeeded">
            <p data-testid="test-result">
              <code className="font-mono text-xs">{test.action}</code> answered
              {test.httpStatus ? ` HTTP ${test.httpStatus}` : ""}
              {test.identity ? ` as ${test.identity}` : ""}.
            </p>
          </Alert>
        ) : (
          <Alert tone="error" title="Test action failed">
            <p data-testid="test-result">{test.error}</p>
          </Alert>
        )
      ) : null}
      {link ? (
        <ConnectLink
          title="Reconnect link (same connection): send it to the end user"
          redirectUrl={link.redirectUrl}
          expiresAt={link.expiresAt}
        />
      ) : null}
    </div>
  );
}
