"use client";
// The header's light/dark switch; the choice is saved in this browser (see components/theme.ts).
import { useSyncExternalStore } from "react";
import { THEME_STORAGE_KEY, type Theme } from "./theme";
import { cn, focusRing } from "./ui/cn";

function currentTheme(): Theme {
  return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
}

/** Re-render when data-theme changes (the toggle, another tab, or the system while unsaved). */
function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
}

export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, currentTheme, (): Theme => "light");
  const dark = theme === "dark";
  return (
    <button
      type="button"
      aria-pressed={dark}
      onClick={() => {
        const next: Theme = dark ? "light" : "dark";
        document.documentElement.dataset.theme = next;
        try {
          localStorage.setItem(THEME_STORAGE_KEY, next);
        } catch {
          // Storage refused (private mode): the choice lasts for this page only.
        }
      }}
      className={cn(
        "inline-flex size-9 shrink-0 items-center justify-center rounded-md border border-slate-300 bg-white text-slate-700 hover:bg-slate-100",
        focusRing,
      )}
    >
      <span aria-hidden="true">{dark ? "☀" : "☾"}</span>
      <span className="sr-only">Dark mode</span>
    </button>
  );
}
