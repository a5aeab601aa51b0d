"use client";
// A disclosure button with a floating panel: closes on Escape, outside click and navigation.
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { cn, focusRing } from "./cn";
import { useHydrated } from "./use-hydrated";

export function Popover({
  trigger,
  triggerLabel,
  align = "end",
  children,
}: {
  /** Visible content of the trigger button. */
  trigger: ReactNode;
  /** Accessible name of the trigger when its content is not enough. */
  triggerLabel?: string;
  align?: "start" | "end";
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  const hydrated = useHydrated();

  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={triggerLabel}
        disabled={!hydrated}
        onClick={() => setOpen((v) => !v)}
        className={cn(
          "inline-flex h-9 max-w-72 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-900 hover:bg-slate-50",
          focusRing,
        )}
      >
        {trigger}
        <span aria-hidden="true" className="text-slate-500">
          ▾
        </span>
      </button>
      <div
        id={panelId}
        hidden={!open}
        className={cn(
          "absolute z-20 mt-2 w-72 rounded-lg border border-slate-200 bg-white py-2 shadow-lg",
          align === "end" ? "right-0" : "left-0",
        )}
      >
        {open ? children(() => setOpen(false)) : null}
      </div>
    </div>
  );
}
