import type { SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { fieldClasses } from "./input";

export function Select({
  compact = false,
  className,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { compact?: boolean }) {
  return (
    <select className={cn(fieldClasses, compact ? "h-8" : "h-10", "pr-8", className)} {...props} />
  );
}
