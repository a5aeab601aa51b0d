"use client";
// Step 2: find an app's action by words in its name, title or path; each match links to its form.
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { hrefWith } from "@/components/pagination";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn, focusRing } from "@/components/ui/cn";

export interface ActionSummary {
  name: string;
  displayName: string;
  method: string;
  path: string;
}

const SHOWN = 50;

export function ActionPicker({
  actions,
  query: base,
}: {
  actions: ActionSummary[];
  /** The playground's current choices (entity, app), kept in each action's link. */
  query: Record<string, string | undefined>;
}) {
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query);
  const words = deferred.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = actions.filter((a) => {
    const text = `${a.name} ${a.displayName} ${a.path}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const shown = matches.slice(0, SHOWN);

  return (
    <div className="space-y-3">
      <div className="max-w-md space-y-1.5">
        <Label htmlFor="action-search">Search actions</Label>
        <Input
          id="action-search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          placeholder="e.g. create issue"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="action-search-count"
        />
      </div>
      <p id="action-search-count" className="text-xs text-slate-600" aria-live="polite">
        {matches.length === actions.length
          ? `${actions.length} action${actions.length === 1 ? "" : "s"}`
          : `${matches.length} of ${actions.length} actions match`}
        {matches.length > SHOWN ? ` — showing the first ${SHOWN}; add words to narrow it.` : ""}
      </p>
      {shown.length === 0 ? (
        <p className="text-sm text-slate-600">No action matches these words.</p>
      ) : (
        <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
          {shown.map((a) => (
            <li key={a.name}>
              <Link
                href={hrefWith("/actions", { ...base, action: a.name })}
                className={cn("block px-4 py-2.5 hover:bg-slate-50", focusRing)}
              >
                <span className="block text-sm font-medium text-slate-900">{a.displayName}</span>
                <span className="mt-0.5 flex flex-wrap items-baseline gap-x-3 text-xs text-slate-600">
                  <span className="font-mono text-slate-800">{a.name}</span>
                  <span className="font-mono">
                    {a.method} {a.path}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
