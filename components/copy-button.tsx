"use client";
import { useState } from "react";
import { Button } from "./ui/button";
import { useHydrated } from "./ui/use-hydrated";

/** Copies `value` to the clipboard and says so; tells the user to copy by hand when not allowed. */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const hydrated = useHydrated();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2500);
  };
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" size="sm" onClick={() => void copy()} disabled={!hydrated}>
        {state === "copied" ? "Copied" : label}
      </Button>
      <span aria-live="polite" className="text-xs text-slate-600">
        {state === "failed" ? "Copy not allowed here: select the text and copy it." : ""}
      </span>
    </span>
  );
}
