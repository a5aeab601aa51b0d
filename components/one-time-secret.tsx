"use client";
import { useId } from "react";
import { CopyButton } from "./copy-button";

/** A secret shown once right after it was made: highlighted, selectable, with a copy button. */
export function OneTimeSecret({
  label,
  value,
  message,
}: {
  /** Accessible name of the field, e.g. "New API key". */
  label: string;
  value: string;
  message: string;
}) {
  const id = useId();
  return (
    <div className="space-y-2 rounded-lg border-2 border-amber-400 bg-amber-50 p-4">
      <label htmlFor={id} className="block text-sm font-semibold text-amber-950">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="focus-visible:outline-brand-500 h-9 min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-3 font-mono text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2"
        />
        <CopyButton value={value} />
      </div>
      <p className="text-sm text-amber-950">{message}</p>
    </div>
  );
}
