"use client";
// Lists the operator's projects, marks the current one, switches with a server action.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/action";
import { Popover } from "./ui/popover";
import { cn, focusRing } from "./ui/cn";

export interface SwitcherProject {
  id: string;
  name: string;
  role: string;
}

export function ProjectSwitcher({
  projects,
  currentId,
  canCreate,
  switchProject,
}: {
  projects: SwitcherProject[];
  currentId: string;
  canCreate: boolean;
  switchProject: (input: { projectId: string }) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const current = projects.find((p) => p.id === currentId);

  return (
    <div className="flex items-center gap-3">
      <Popover
        align="start"
        trigger={
          <>
            <span className="text-slate-500">Project</span>
            <span className="truncate" data-testid="current-project">
              {current?.name}
            </span>
          </>
        }
      >
        {(close) => (
          <div>
            <p className="px-3 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              Your projects
            </p>
            <ul>
              {projects.map((p) => {
                const isCurrent = p.id === currentId;
                return (
                  <li key={p.id}>
                    <button
                      type="button"
                      disabled={pending}
                      aria-current={isCurrent ? "true" : undefined}
                      onClick={() => {
                        if (isCurrent) return close();
                        setError(null);
                        startTransition(async () => {
                          const result = await switchProject({ projectId: p.id });
                          if (!result.ok) return setError(result.error);
                          close();
                          // The action's own re-render still sees the old session cookie
                          // (Auth.js reads the request headers): render again with the new one.
                          router.refresh();
                        });
                      }}
                      className={cn(
                        "flex w-full items-center justify-between gap-2 px-3 py-2 text-left text-sm hover:bg-slate-50",
                        focusRing,
                        isCurrent && "text-brand-700 font-semibold",
                      )}
                    >
                      <span className="truncate">{p.name}</span>
                      <span className="shrink-0 text-xs text-slate-500">
                        {isCurrent ? "✓ current · " : ""}
                        {p.role}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
            {error ? <p className="px-3 py-2 text-sm text-red-700">{error}</p> : null}
            {canCreate ? (
              <div className="mt-1 border-t border-slate-200 pt-1">
                <Link
                  href="/settings/projects/new"
                  className={cn(
                    "text-brand-700 block px-3 py-2 text-sm font-medium hover:bg-slate-50",
                    focusRing,
                  )}
                >
                  New project
                </Link>
              </div>
            ) : null}
          </div>
        )}
      </Popover>
      {pending ? <span className="text-sm text-slate-600">Switching…</span> : null}
    </div>
  );
}
