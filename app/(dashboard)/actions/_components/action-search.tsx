// Step 2 before an app is chosen: search every app's actions on the server (?q=); each match links
// to its form with its app chosen and the entity kept.
import Link from "next/link";
import { AppLogo } from "@/components/app-logo";
import { hrefWith } from "@/components/pagination";
import { Alert } from "@/components/ui/alert";
import { cn, focusRing } from "@/components/ui/cn";
import { ActionSearchForm } from "./action-search-form";
import { SEARCH_MAX_LENGTH, SEARCH_SHOWN, type ActionSearch } from "../_lib/action-search";

const COUNT_ID = "all-actions-count";
const number = new Intl.NumberFormat("en");

function countText(search: Extract<ActionSearch, { state: "done" }>): string {
  const { q, total } = search;
  if (total === 0) {
    return `No action matches “${q}”. Try fewer or other words, or choose an app above to browse its actions.`;
  }
  const found = `${number.format(total)} action${total === 1 ? "" : "s"} match${total === 1 ? "es" : ""} “${q}”`;
  return total > SEARCH_SHOWN
    ? `${found} — showing the ${SEARCH_SHOWN} most relevant; add words to narrow it.`
    : `${found}.`;
}

export function ActionSearchPanel({
  search,
  user,
  apps,
}: {
  search: ActionSearch;
  /** The chosen entity, kept in the search and in each match's link. */
  user?: string;
  apps: ReadonlyMap<string, { name: string; logo?: string }>;
}) {
  return (
    <div className="space-y-3">
      <ActionSearchForm
        q={search.state === "none" ? "" : search.q}
        user={user}
        maxLength={SEARCH_MAX_LENGTH}
        invalid={search.state === "refused"}
        describedBy={COUNT_ID}
      />

      <div id={COUNT_ID} aria-live="polite">
        {search.state === "refused" ? (
          <Alert tone="warning">{search.message}</Alert>
        ) : search.state === "done" ? (
          <p className="text-sm text-slate-700" data-testid="action-search-count">
            {countText(search)}
          </p>
        ) : null}
      </div>

      {search.state === "done" && search.items.length > 0 ? (
        <ul
          aria-label="Matching actions"
          className="divide-y divide-slate-100 rounded-md border border-slate-200"
        >
          {search.items.map((a) => {
            const app = apps.get(a.app);
            return (
              <li key={a.name}>
                <Link
                  href={hrefWith("/actions", { user, app: a.app, action: a.name })}
                  className={cn("flex items-start gap-3 px-4 py-2.5 hover:bg-slate-50", focusRing)}
                >
                  {app?.logo ? <AppLogo logo={app.logo} size={20} className="mt-0.5" /> : null}
                  <span className="min-w-0">
                    <span className="block text-sm font-medium text-slate-900">
                      {a.displayName}
                    </span>
                    <span className="mt-0.5 flex flex-wrap items-baseline gap-x-3 text-xs text-slate-600">
                      <span className="font-medium text-slate-700">{app?.name ?? a.app}</span>
                      <span className="font-mono break-all text-slate-800">{a.name}</span>
                      <span className="font-mono break-all">
                        {a.method} {a.path}
                      </span>
                    </span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
