// Model-facing tool names. Model APIs (OpenAI, Anthropic, Gemini) and MCP clients accept tool names
// matching ^[A-Za-z0-9_-]{1,64}$; most action names already do, but about 150 GitHub names are
// longer. For those the model sees a stable, unique short name: the first 55 characters, "_", and
// 8 hex characters of the SHA-256 of the full name. The rule depends only on the name, so it is the
// same on every machine and run; execute accepts both the full name and the short one.
import { createHash } from "node:crypto";
import { getAction, getAppActions, appsWithActions, type RegistryOptions } from "./registry";
import type { ActionDef } from "./types";

export const MODEL_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_LENGTH = 64;
const HASH_LENGTH = 8;
const PREFIX_LENGTH = MAX_LENGTH - 1 - HASH_LENGTH;

/** The name a model sees for an action: the slug itself when it fits, else prefix + "_" + hash. */
export function modelToolName(slug: string): string {
  if (MODEL_NAME_PATTERN.test(slug)) return slug;
  const hash = createHash("sha256").update(slug, "utf8").digest("hex").slice(0, HASH_LENGTH);
  const prefix = slug
    .slice(0, PREFIX_LENGTH)
    .replace(/[^A-Za-z0-9_-]/g, "_")
    .replace(/_+$/, "");
  return `${prefix}_${hash}`;
}

/** True when `name` could be a shortened name (the only ones the reverse lookup must search). */
export function isShortenedName(name: string): boolean {
  return name.length === MAX_LENGTH && /_[0-9a-f]{8}$/.test(name);
}

// short name → full slug, per app, built on the first reverse lookup of that app.
const shortIndex = new Map<string, Promise<Map<string, string>>>();

function appShortNames(appKey: string, opts: RegistryOptions): Promise<Map<string, string>> {
  const key = `${appKey}|${opts.sandboxOrigin ? "sandbox" : ""}`;
  let index = shortIndex.get(key);
  if (!index) {
    index = getAppActions(appKey, opts).then((actions) => {
      const map = new Map<string, string>();
      for (const action of actions) {
        const short = modelToolName(action.name);
        if (short !== action.name) map.set(short, action.name);
      }
      return map;
    });
    shortIndex.set(key, index);
    index.catch(() => shortIndex.delete(key));
  }
  return index;
}

/** The action a model-facing name (full slug or shortened) stands for; undefined when none. */
export async function actionByModelName(
  name: string,
  opts: RegistryOptions = {},
): Promise<ActionDef | undefined> {
  const direct = await getAction(name, opts);
  if (direct || !isShortenedName(name)) return direct;
  for (const appKey of appsWithActions(opts)) {
    const slug = (await appShortNames(appKey, opts)).get(name);
    if (slug) return getAction(slug, opts);
  }
  return undefined;
}

/** Resolves a model-facing name to the full action slug; the name itself when nothing maps. */
export async function fullActionName(name: string, opts: RegistryOptions = {}): Promise<string> {
  if (!isShortenedName(name)) return name;
  return (await actionByModelName(name, opts))?.name ?? name;
}

/**
 * Why a tool's input schema would be refused by a major model API (OpenAI, Anthropic, Gemini):
 * the root must be an object, must not be a top-level anyOf/oneOf/allOf, and `required` must not
 * repeat a name. Empty when the schema is fine.
 */
export function modelSchemaProblems(schema: { [keyword: string]: unknown }): string[] {
  const problems: string[] = [];
  if (schema.type !== "object") problems.push("the root is not an object");
  for (const keyword of ["anyOf", "oneOf", "allOf"]) {
    if (keyword in schema) problems.push(`top-level ${keyword}`);
  }
  const required = schema.required;
  if (required !== undefined) {
    if (!Array.isArray(required)) problems.push("required is not a list");
    else if (new Set(required).size !== required.length) problems.push("required repeats a name");
  }
  return problems;
}

/**
 * A schema as model APIs accept it: an object root without top-level anyOf/oneOf/allOf (dropped:
 * the schema only gets looser) and `required` without repeats. Unchanged when already fine.
 */
export function modelSchema<T extends { [keyword: string]: unknown }>(schema: T): T {
  if (modelSchemaProblems(schema).length === 0) return schema;
  const { anyOf: _a, oneOf: _o, allOf: _l, ...rest } = schema;
  const fixed: { [keyword: string]: unknown } = { ...rest, type: "object" };
  if (Array.isArray(rest.required)) fixed.required = [...new Set(rest.required)];
  else delete fixed.required;
  return fixed as T;
}
