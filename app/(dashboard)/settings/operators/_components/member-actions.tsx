"use client";
import { useState, useTransition } from "react";
import type { Role } from "@/db/schema";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/select";
import { removeOperatorAction, setOperatorRoleAction } from "../actions";

export function MemberActions({
  operatorId,
  email,
  role,
}: {
  operatorId: string;
  email: string;
  role: Role;
}) {
  const [selected, setSelected] = useState<Role>(role);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const selectId = `role-${operatorId}`;

  const save = () =>
    startTransition(async () => {
      setError(null);
      const result = await setOperatorRoleAction({ operatorId, role: selected });
      if (!result.ok) {
        setError(result.error);
        setSelected(role);
      }
    });

  return (
    <div className="flex flex-wrap items-center justify-end gap-2 whitespace-nowrap">
      <label htmlFor={selectId} className="sr-only">
        Role for {email}
      </label>
      <div className="w-32">
        <Select
          id={selectId}
          compact
          value={selected}
          onChange={(e) => setSelected(e.currentTarget.value as Role)}
          disabled={pending}
        >
          <option value="viewer">viewer</option>
          <option value="support">support</option>
          <option value="admin">admin</option>
        </Select>
      </div>
      <Button
        size="sm"
        variant="secondary"
        onClick={save}
        disabled={pending || selected === role}
        aria-label={`Change role of ${email}`}
      >
        Change
      </Button>
      <ConfirmDialog
        triggerLabel="Remove"
        triggerAriaLabel={`Remove ${email}`}
        title={`Remove ${email} from this project?`}
        description="They will no longer see this project. Their Keyport account stays."
        confirmLabel="Remove"
        onConfirm={async () => {
          const result = await removeOperatorAction({ operatorId });
          return result.ok ? null : result.error;
        }}
      />
      {error ? (
        <p className="w-full text-right text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
