// The playground's search across every app's actions (?q=): the registry's ranked search, the one
// GET /api/v3.1/tools?search= answers with, checked the way that API checks its query first.
import { listActions, type ActionDef, type RegistryOptions } from "@/lib/actions/registry";

/** The longest search accepted, as for the API's `search` parameter (lib/http/v3-schemas.ts). */
export const SEARCH_MAX_LENGTH = 200;
/** How many matches are shown; more ask for more words instead of a longer page. */
export const SEARCH_SHOWN = 50;

// Refused like the API does (lib/http/input-guard.ts). The front server already answers a page URL
// holding one with a 400 (server/front.ts); this keeps the search safe without relying on that.
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROLS = /[\u0000-\u001f\u007f]/g;

export type ActionSearch =
  | { state: "none" }
  | { state: "refused"; q: string; message: string }
  | { state: "done"; q: string; items: ActionDef[]; total: number };

/** The matches for the `q` parameter, the first SEARCH_SHOWN of them, most relevant first. */
export async function searchAllActions(
  raw: string | undefined,
  opts: RegistryOptions,
): Promise<ActionSearch> {
  const q = (raw ?? "").trim();
  if (!q) return { state: "none" };
  if (CONTROL.test(q)) {
    return {
      state: "refused",
      // Shown back in the search box, where a control character would be invisible or mangled.
      q: q.replace(CONTROLS, " ").slice(0, SEARCH_MAX_LENGTH),
      message:
        "The search contains a control character (a tab, a line break or similar). Use letters, digits and spaces.",
    };
  }
  if (q.length > SEARCH_MAX_LENGTH) {
    return {
      state: "refused",
      q: q.slice(0, SEARCH_MAX_LENGTH),
      message: `The search is ${q.length} characters long; use at most ${SEARCH_MAX_LENGTH}.`,
    };
  }
  const page = await listActions({ search: q, limit: SEARCH_SHOWN }, opts);
  return { state: "done", q, items: page.items, total: page.total };
}
