"use client";
// Below 1024 px the navigation folds behind a Menu button in the header and opens as a panel.
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { Sidebar, type NavSection } from "./sidebar";
import { cn, focusRing } from "./ui/cn";

export function MobileNav({ sections }: { sections: NavSection[] }) {
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState<string | null>(null);
  const pathname = usePathname();
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  // Following a link closes the panel (the page changed under it).
  if (open && openedAt !== pathname) {
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <div className="lg:hidden">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpenedAt(pathname);
          setOpen(!open);
        }}
        className={cn(
          "inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-100",
          focusRing,
        )}
      >
        <span aria-hidden="true">{open ? "✕" : "☰"}</span>
        Menu
      </button>
      {/* In <body>, not in the header: the header's backdrop-filter would make it the panel's
          containing block, and a fixed panel would be only as tall as the header. */}
      {open
        ? createPortal(
            <>
              <div
                aria-hidden="true"
                className="fixed inset-0 top-0 z-20 bg-slate-900/40"
                onClick={() => setOpen(false)}
              />
              <div
                id={panelId}
                className="fixed top-0 bottom-0 left-0 z-30 w-64 max-w-[85vw] overflow-y-auto border-r border-slate-200 bg-white shadow-lg"
              >
                <Sidebar sections={sections} />
              </div>
            </>,
            document.body,
          )
        : null}
    </div>
  );
}
