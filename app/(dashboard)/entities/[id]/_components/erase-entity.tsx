"use client";
// Erase an entity (GDPR): every connection revoked upstream and deleted, its execution log and
// the entity deleted. Support and admin; the server action re-checks the role and the project.
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/dialog";
import { eraseEntityAction } from "@/app/(dashboard)/_actions/connections";

export function EraseEntity({ userId, connections }: { userId: string; connections: number }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      triggerLabel="Erase entity…"
      triggerAriaLabel={`Erase entity ${userId}`}
      title={`Erase ${userId} and all its data?`}
      description={`Its ${connections} connection${connections === 1 ? " is" : "s are"} revoked at the provider (where it supports revocation) and deleted, its execution log is deleted, then the entity itself. The audit log keeps that you did it. This cannot be undone.`}
      confirmLabel="Erase entity"
      onConfirm={async () => {
        const r = await eraseEntityAction({ userId });
        if (!r.ok) return r.error;
        router.push(`/entities?erased=${encodeURIComponent(userId)}`);
        return null;
      }}
    />
  );
}
