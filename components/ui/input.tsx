import type { InputHTMLAttributes } from "react";
import { cn, focusRing } from "./cn";

// Full width: size a field by its wrapper, not by className (classes are joined, not merged).
export const fieldClasses = cn(
  "block w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 disabled:bg-slate-100 disabled:text-slate-500 aria-invalid:border-red-500",
  focusRing,
);

export function Input({
  compact = false,
  className,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { compact?: boolean }) {
  return <input className={cn(fieldClasses, compact ? "h-8" : "h-10", className)} {...props} />;
}
