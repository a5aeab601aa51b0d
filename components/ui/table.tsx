import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

/** A table in a horizontally scrolling wrapper; `label` names it for screen readers. */
export function Table({
  label,
  className,
  ...props
}: HTMLAttributes<HTMLTableElement> & { label: string }) {
  return (
    // Focusable and labelled, so a table that scrolls sideways can be scrolled with the keyboard.
    // `relative`: absolutely placed children (sr-only labels) stay inside the scrolling box instead
    // of widening the page.
    <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label={label}>
      <table aria-label={label} className={cn("w-full text-left text-sm", className)} {...props} />
    </div>
  );
}

export function THead(props: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className="border-b border-slate-200 bg-slate-50 text-slate-600" {...props} />;
}

export function TBody(props: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className="divide-y divide-slate-100" {...props} />;
}

export function TR(props: HTMLAttributes<HTMLTableRowElement>) {
  return <tr {...props} />;
}

export function TH({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn("px-4 py-2.5 text-xs font-semibold tracking-wide uppercase", className)}
      {...props}
    />
  );
}

export function TD({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-4 py-3 align-middle text-slate-800", className)} {...props} />;
}
