// Moves an OpenAPI description's paths onto the app's API base: a prefix the base already holds is
// stripped (Twilio's /2010-04-01), one the base lacks is added with its path parameters (Jira's
// /ex/jira/{cloudid} on api.atlassian.com). Used by the generator and by the Prism tests, so the
// stand-in serves exactly the paths the actions call.
import type { OpenAPI3Document } from "./generate";

export interface Rebase {
  stripPrefix?: string;
  addPrefix?: { path: string; params: { name: string; description: string }[] };
}

export function rebasePaths(doc: OpenAPI3Document, rebase: Rebase): OpenAPI3Document {
  const paths: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(doc.paths ?? {})) {
    let p = key;
    if (rebase.stripPrefix) {
      if (!p.startsWith(`${rebase.stripPrefix}/`)) continue; // another API version on the host
      p = p.slice(rebase.stripPrefix.length);
    }
    let rebased = item as Record<string, unknown>;
    if (rebase.addPrefix) {
      p = rebase.addPrefix.path + p;
      const extra = rebase.addPrefix.params.map((param) => ({
        name: param.name,
        in: "path",
        required: true,
        description: param.description,
        schema: { type: "string", minLength: 1 },
      }));
      const own = Array.isArray(rebased.parameters) ? (rebased.parameters as unknown[]) : [];
      rebased = { ...rebased, parameters: [...extra, ...own] };
    }
    paths[p] = rebased;
  }
  return { ...doc, paths };
}
