"use client";
// A confirm step on the native <dialog> (focus trap, Escape and the top layer come for free).
import { useId, useRef, useState, useTransition, type ReactNode } from "react";
import { Button, type ButtonVariant } from "./button";
import { useHydrated } from "./use-hydrated";

export interface ConfirmDialogProps {
  /** Text of the button that opens the dialog. */
  triggerLabel: string;
  /** Accessible name of the trigger when its text alone is ambiguous (e.g. in a table row). */
  triggerAriaLabel?: string;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  variant?: ButtonVariant;
  /** Runs on confirm; return an error message to keep the dialog open and show it. */
  onConfirm: () => Promise<string | null | undefined>;
}

export function ConfirmDialog({
  triggerLabel,
  triggerAriaLabel,
  title,
  description,
  confirmLabel,
  variant = "danger",
  onConfirm,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const open = () => {
    setError(null);
    ref.current?.showModal();
  };
  const close = () => ref.current?.close();
  const confirm = () =>
    startTransition(async () => {
      const message = await onConfirm();
      if (message) setError(message);
      else close();
    });

  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        onClick={open}
        aria-label={triggerAriaLabel}
        disabled={!hydrated}
      >
        {triggerLabel}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="space-y-3 px-5 py-4">
          <p id={titleId} className="text-base font-semibold text-slate-900">
            {title}
          </p>
          {description ? <div className="text-sm text-slate-700">{description}</div> : null}
          {error ? <p className="text-sm font-medium text-red-700">{error}</p> : null}
        </div>
        <div className="flex justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
          <Button variant="secondary" onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button variant={variant} onClick={confirm} disabled={pending}>
            {pending ? "Working…" : confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
