"use client";
// "Delete all abandoned / expired older than N days": a batch of up to 200 per click.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { deleteStaleConnectionsAction } from "@/app/(dashboard)/_actions/connections";

const kinds = {
  abandoned: "abandoned connect links",
  expired: "expired connections",
} as const;

export function StaleCleanup() {
  const router = useRouter();
  const [kind, setKind] = useState<keyof typeof kinds>("abandoned");
  const [days, setDays] = useState("7");
  const [result, setResult] = useState<string | null>(null);

  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="w-56 space-y-1.5">
        <Label htmlFor="stale-kind">Delete all</Label>
        <Select
          id="stale-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as keyof typeof kinds)}
        >
          <option value="abandoned">Abandoned connect links</option>
          <option value="expired">Expired connections</option>
        </Select>
      </div>
      <div className="w-36 space-y-1.5">
        <Label htmlFor="stale-days">Older than (days)</Label>
        <Input
          id="stale-days"
          type="number"
          min={0}
          max={3650}
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
      </div>
      <ConfirmDialog
        triggerLabel="Delete…"
        triggerAriaLabel="Delete stale connections"
        title={`Delete all ${kinds[kind]} older than ${days || "0"} days?`}
        description="Up to 200 at a time, oldest first; tokens are revoked at the provider where it supports revocation. This cannot be undone."
        confirmLabel="Delete"
        onConfirm={async () => {
          setResult(null);
          const r = await deleteStaleConnectionsAction({ kind, olderThanDays: Number(days) });
          if (!r.ok) return r.error;
          setResult(
            `Deleted ${r.data.deleted} ${kinds[kind]}.${r.data.more ? " More remain: run it again." : ""}`,
          );
          router.refresh();
          return null;
        }}
      />
      {result ? (
        <p role="status" className="w-full text-sm text-green-800">
          {result}
        </p>
      ) : null}
    </div>
  );
}
