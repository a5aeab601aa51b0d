"use client";
// Holds the connection page; once the connection is deleted, shows the outcome in its place
// (the page itself would now be a 404).
import Link from "next/link";
import { createContext, useContext, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";

export interface DeleteOutcome {
  revoked: boolean | null;
  revokeError: string | null;
}

const OnDeleted = createContext<(outcome: DeleteOutcome) => void>(() => {});

/** What a child calls after a successful delete. */
export const useOnDeleted = () => useContext(OnDeleted);

export function DeletableConnection({ id, children }: { id: string; children: ReactNode }) {
  const [outcome, setOutcome] = useState<DeleteOutcome | null>(null);
  if (!outcome) return <OnDeleted.Provider value={setOutcome}>{children}</OnDeleted.Provider>;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Connection deleted</h1>
      <Alert
        tone={outcome.revoked === false ? "warning" : "success"}
        title={`Connection ${id} was deleted and its stored credentials erased.`}
      >
        <p data-testid="revoke-result">
          {outcome.revoked === true
            ? "Revoked at the provider."
            : outcome.revoked === false
              ? `Revoke failed: ${outcome.revokeError ?? "unknown error"}. The grant may still be valid at the provider.`
              : "Nothing to revoke at the provider."}
        </p>
      </Alert>
      <Link href="/connections" className={buttonClasses("secondary")}>
        Back to connections
      </Link>
    </div>
  );
}
