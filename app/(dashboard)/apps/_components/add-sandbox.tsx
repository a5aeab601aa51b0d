"use client";
// The Apps page's call to action: make this project's sandbox integrations in one click.
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useActionForm } from "@/components/use-action-form";
import { addSandboxAction } from "../actions";

export function AddSandbox({ ready: configured }: { ready: boolean }) {
  const { result, pending, ready, formProps } = useActionForm(() => addSandboxAction({}), {
    resetOnSuccess: false,
  });
  return (
    <form {...formProps} className="space-y-2">
      <Button
        type="submit"
        variant={configured ? "secondary" : "primary"}
        disabled={!ready || pending}
      >
        {pending
          ? "Adding…"
          : configured
            ? "Repair sandbox integrations"
            : "Add sandbox integrations"}
      </Button>
      {result?.ok ? (
        <Alert tone="success">
          {result.data.created.length
            ? `Added ${result.data.created.length} sandbox integration${result.data.created.length === 1 ? "" : "s"}.`
            : "The sandbox integrations are ready."}{" "}
          Connect an entity under Connections.
        </Alert>
      ) : null}
      {result && !result.ok ? <Alert tone="error">{result.error}</Alert> : null}
    </form>
  );
}
