"use client";
// Bulk actions on the connections list: the rows' checkboxes belong to this toolbar's form
// (form="bulk-connections"); disable, enable or delete the ones checked. The server action
// re-checks the role and the project of every id.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useHydrated } from "@/components/ui/use-hydrated";
import { bulkConnectionsAction } from "@/app/(dashboard)/_actions/connections";

export const BULK_FORM = "bulk-connections";

type Op = "disable" | "enable" | "delete";
const past: Record<Op, string> = { disable: "Disabled", enable: "Enabled", delete: "Deleted" };

function checkedIds(): string[] {
  const form = document.getElementById(BULK_FORM) as HTMLFormElement | null;
  return form ? new FormData(form).getAll("ids").map(String) : [];
}

function boxes(): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>(`input[name="ids"][form="${BULK_FORM}"]`)];
}

export function BulkToolbar() {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);

  const run = async (op: Op): Promise<string | null> => {
    const ids = checkedIds();
    if (ids.length === 0) return "Select at least one connection first.";
    const r = await bulkConnectionsAction({ ids, op });
    if (!r.ok) return r.error;
    const failed = r.data.revokeFailed
      ? ` (${r.data.revokeFailed} could not be revoked upstream)`
      : "";
    setMessage({
      tone: "ok",
      text: `${past[op]} ${r.data.done} connection${r.data.done === 1 ? "" : "s"}${failed}.`,
    });
    for (const b of boxes()) b.checked = false;
    router.refresh();
    return null;
  };
  const act = (op: Op) =>
    startTransition(async () => {
      setMessage(null);
      const error = await run(op);
      if (error) setMessage({ tone: "error", text: error });
    });
  const selectAll = () => {
    const all = boxes();
    const on = all.some((b) => !b.checked);
    for (const b of all) b.checked = on;
  };

  return (
    <form
      id={BULK_FORM}
      aria-label="Bulk actions"
      onSubmit={(e) => e.preventDefault()}
      className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-3"
    >
      <Button variant="ghost" size="sm" onClick={selectAll} disabled={!hydrated} type="button">
        Select all on page
      </Button>
      <span className="text-sm text-slate-600">With the selected:</span>
      <Button
        variant="secondary"
        size="sm"
        type="button"
        onClick={() => act("disable")}
        disabled={pending || !hydrated}
      >
        Disable
      </Button>
      <Button
        variant="secondary"
        size="sm"
        type="button"
        onClick={() => act("enable")}
        disabled={pending || !hydrated}
      >
        Enable
      </Button>
      <ConfirmDialog
        triggerLabel="Delete…"
        triggerAriaLabel="Delete the selected connections"
        title="Delete the selected connections?"
        description="Each one's tokens are revoked at the provider where it supports revocation, then its secrets are erased. This cannot be undone."
        confirmLabel="Delete connections"
        onConfirm={() => run("delete")}
      />
      {message ? (
        <p
          role={message.tone === "error" ? "alert" : "status"}
          className={`w-full text-sm ${message.tone === "error" ? "text-red-700" : "text-green-800"}`}
        >
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
