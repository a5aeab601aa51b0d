"use client";
import { useState, useTransition } from "react";
import { OneTimeSecret } from "@/components/one-time-secret";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import {
  deleteWebhookEndpointAction,
  replayWebhookDeliveryAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  setWebhookEndpointEnabledAction,
} from "../actions";

export function EndpointButtons({ id, enabled }: { id: string; enabled: boolean }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const run = (fn: () => Promise<{ ok: boolean; error?: string }>, done: string) =>
    start(async () => {
      const r = await fn();
      setError(r.ok ? null : (r.error ?? "Failed"));
      setNotice(r.ok ? done : null);
    });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          disabled={pending || !enabled}
          onClick={() => run(() => sendTestWebhookAction({ id }), "Test event queued")}
        >
          Send test event
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            run(
              () => setWebhookEndpointEnabledAction({ id, enabled: !enabled }),
              enabled ? "Endpoint disabled" : "Endpoint enabled",
            )
          }
        >
          {enabled ? "Disable" : "Enable"}
        </Button>
        <ConfirmDialog
          triggerLabel="Rotate secret"
          variant="secondary"
          title="Rotate the signing secret?"
          description="A new secret signs from now on; the old one keeps signing too (a second signature) for 24 hours, so your receiver can switch without missing an event."
          confirmLabel="Rotate"
          onConfirm={async () => {
            const r = await rotateWebhookSecretAction({ id });
            if (r.ok) setSecret(r.data.secret);
            return r.ok ? null : r.error;
          }}
        />
        <ConfirmDialog
          triggerLabel="Delete"
          title="Delete this endpoint?"
          description="No more events are sent to it, and its delivery log is deleted. This cannot be undone."
          confirmLabel="Delete endpoint"
          onConfirm={async () => {
            const r = await deleteWebhookEndpointAction({ id });
            if (r.ok) window.location.assign("/settings/webhooks");
            return r.ok ? null : r.error;
          }}
        />
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {secret ? (
        <OneTimeSecret
          label="New signing secret"
          value={secret}
          message="Copy this secret now. You won't be able to see it again."
        />
      ) : null}
    </div>
  );
}

export function ReplayButton({ id }: { id: string }) {
  const [pending, start] = useTransition();
  const [state, setState] = useState<string | null>(null);
  return (
    <Button
      size="sm"
      variant="ghost"
      disabled={pending}
      onClick={() =>
        start(async () => {
          const r = await replayWebhookDeliveryAction({ id });
          setState(r.ok ? "Queued" : r.error);
        })
      }
    >
      {state ?? "Replay"}
    </Button>
  );
}
