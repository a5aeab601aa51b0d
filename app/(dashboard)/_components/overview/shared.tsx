// What the overview's cards share: the scope they load for and the link and placeholder styles.
import type { Deps } from "@/lib/core/deps";

export interface Scope {
  deps: Deps;
  projectId: string;
}

export const link = "text-brand-700 hover:underline";
export const muted = <span className="text-slate-500">—</span>;
