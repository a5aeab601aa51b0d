"use client";
// Revoke one agent session (support and admin); its MCP URL answers 401 from then on.
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/dialog";
import { revokeAgentSessionAction } from "../actions";

export function RevokeSession({ id }: { id: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel="Revoke"
      triggerAriaLabel={`Revoke agent session ${id}`}
      title="Revoke this agent session?"
      description="The agent's MCP URL and token stop working at once. Mint a new session to connect it again."
      confirmLabel="Revoke session"
      onConfirm={async () => {
        const r = await revokeAgentSessionAction({ id });
        if (!r.ok) return r.error;
        router.refresh();
        return null;
      }}
    />
  );
}
