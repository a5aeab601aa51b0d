// Ranked text search across the action catalog (issue 15): one MiniSearch index per app, built on
// the first search that touches the app, over name, display name, app, tags and description
// (weighted in that order). listActions keeps its rule for *which* actions match (every word
// occurs in the action's text) and uses these scores for *the order* in which they come.
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

/** Each action name's relevance to `query` within one app's (frozen, shared) action list. */
export function scores(actions: readonly ActionDef[], query: string): Map<string, number> {
  const results = indexOf(actions).search(query, {
    boost: BOOST,
    prefix: true,
    fuzzy: (term) => (term.length > 4 ? 0.2 : false),
    combineWith: "OR",
  });
  return new Map(results.map((r) => [String(r.id), r.score]));
}
