// Ranked text search across the action catalog (issue 15): one MiniSearch index per app, built on
// the first search that touches the app, over name, display name, app, tags and description
// (weighted in that order). The index decides both which actions match (every word of the query
// begins a word of the action's text) and the order in which they come.
import MiniSearch from "minisearch";
import type { ActionDef } from "./types";

interface Doc {
  id: string;
  name: string;
  displayName: string;
  app: string;
  tags: string;
  description: string;
}

const FIELDS = ["name", "displayName", "app", "tags", "description"] as const;
const BOOST = { name: 3, displayName: 3, app: 2, tags: 1.5, description: 1 };

const indexes = new WeakMap<readonly ActionDef[], MiniSearch<Doc>>();

function indexOf(actions: readonly ActionDef[]): MiniSearch<Doc> {
  let index = indexes.get(actions);
  if (!index) {
    index = new MiniSearch<Doc>({
      fields: [...FIELDS],
      // Action names are upper snake case: their words are split on "_" like any punctuation.
      tokenize: (text) => text.split(/[\s\p{P}]+/u).filter(Boolean),
    });
    index.addAll(
      actions.map((a) => ({
        id: a.name,
        name: a.name,
        displayName: a.displayName,
        app: a.app,
        tags: a.tags.join(" "),
        description: a.description,
      })),
    );
    indexes.set(actions, index);
  }
  return index;
}

/**
 * The actions of one app's (frozen, shared) list that match `query`, with their relevance: every
 * word of the query must begin a word of the action's name, display name, app, tags or
 * description ("user" finds "users" and "username", not "superuser"). The index answers this
 * directly, so no action's text is scanned per query.
 */
export function searchActions(
  actions: readonly ActionDef[],
  query: string,
): Array<{ name: string; score: number }> {
  return indexOf(actions)
    .search(query, { boost: BOOST, prefix: true, combineWith: "AND" })
    .map((r) => ({ name: String(r.id), score: r.score }));
}
