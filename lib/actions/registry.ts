// The action registry: every app's actions, loaded lazily on first use and cached per process.
// - github: read from lib/actions/generated/github.json (generated from @octokit/openapi by
//   scripts/generate-actions.ts); GitHub's spec itself is never parsed at run time.
// - sandbox, sandbox_key: generated from the sandbox's own OpenAPI document on first use; listed
//   only when a sandbox origin is given, like the catalog's sandbox apps (lib/catalog).
// - everything else: declared by hand (lib/actions/hand).
// Actions are deep-frozen: one shared copy per process, which no caller can change by accident.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { openApiDocument } from "@/lib/sandbox/openapi";
import { generateActions, type OpenAPI3Document } from "./generate";
import { handActions } from "./hand";
import { appPrefix } from "./naming";
import { searchActions } from "./search";
import type { ActionDef } from "./types";

export type { ActionDef } from "./types";

export interface RegistryOptions {
  /** Origin of the built-in sandbox; the sandbox apps have actions only when it is given. */
  sandboxOrigin?: string;
}

export interface ActionFilter {
  /** App keys (lower case); all apps when absent. */
  apps?: string[];
  /** Exact action names. */
  names?: string[];
  /** Actions with at least one of these tags (case-insensitive). */
  tags?: string[];
  /**
   * Every word must begin a word of the name, display name, app, description or tags; the
   * matches come most relevant first (lib/actions/search.ts) instead of in name order.
   */
  search?: string;
  /** Page size, 1–5000; default 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface ActionPage {
  items: ActionDef[];
  /** Opaque; null on the last page. */
  nextCursor: string | null;
  /** How many actions match the filters, on every page (the cursor does not change it). */
  total: number;
  /** How many of them come before this page, and the page size used. */
  offset: number;
  limit: number;
}

/** Where the generated catalogs live, relative to the project root: one `<app>.json` per app. */
export const GENERATED_DIR = "lib/actions/generated";
/** Where the generated GitHub catalog lives, relative to the project root. */
export const GITHUB_ACTIONS_FILE = `${GENERATED_DIR}/github.json`;
/** Which apps have a generated catalog, with its size, source and licence (small; read at start). */
export const GENERATED_INDEX_FILE = `${GENERATED_DIR}/index.json`;

export interface GeneratedIndex {
  apps: Record<string, { count: number; source: string; license: string }>;
}

const SANDBOX_APPS = ["sandbox", "sandbox_key"] as const;
// Any origin gives the same actions: the document's paths do not depend on it.
const SANDBOX_PLACEHOLDER_ORIGIN = "http://127.0.0.1";
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 5000;

interface GeneratedFile {
  app: string;
  source: string;
  count: number;
  actions: ActionDef[];
}

/** The committed file's text: one action per line, so regenerating gives a readable diff. */
export function serializeActionFile(source: string, actions: readonly ActionDef[]): string {
  const head = JSON.stringify({ app: actions[0]?.app ?? "", source, count: actions.length });
  const lines = actions.map((action) => JSON.stringify(action));
  return `${head.slice(0, -1)},"actions":[\n${lines.join(",\n")}\n]}\n`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

const byName = (a: ActionDef, b: ActionDef) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

interface AppActions {
  list: readonly ActionDef[]; // sorted by name
  index: ReadonlyMap<string, ActionDef>;
}

function indexed(actions: readonly ActionDef[]): AppActions {
  const list = deepFreeze([...actions].sort(byName));
  return { list, index: new Map(list.map((action) => [action.name, action])) };
}

let generatedIndex: GeneratedIndex | undefined;

/** The generated index, read once (a few hundred bytes); the catalogs themselves load lazily. */
export function generatedApps(): GeneratedIndex["apps"] {
  if (!generatedIndex) {
    const file = path.resolve(/*turbopackIgnore: true*/ process.cwd(), GENERATED_INDEX_FILE);
    generatedIndex = JSON.parse(readFileSync(file, "utf8")) as GeneratedIndex;
  }
  return generatedIndex.apps;
}

/**
 * An app's generated catalog, plus its hand-written actions (which win on a name clash: they are
 * checked by hand and tests call them by name).
 */
async function loadGenerated(appKey: string): Promise<AppActions> {
  const relative = `${GENERATED_DIR}/${appKey}.json`;
  const file = path.resolve(/*turbopackIgnore: true*/ process.cwd(), relative);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new Error(
      `${appKey} actions are missing (${relative}); run: npx tsx scripts/generate-actions.ts ${appKey}`,
      { cause: err },
    );
  }
  const parsed = JSON.parse(text) as Partial<GeneratedFile>;
  if (parsed.app !== appKey || !Array.isArray(parsed.actions)) {
    throw new Error(`${relative} is not the ${appKey} action catalog`);
  }
  const hand = Object.hasOwn(handActions, appKey) ? (handActions[appKey] ?? []) : [];
  const handNames = new Set(hand.map((action) => action.name));
  return indexed([...parsed.actions.filter((a) => !handNames.has(a.name)), ...hand]);
}

function loadSandbox(appKey: string): AppActions {
  const doc = openApiDocument(SANDBOX_PLACEHOLDER_ORIGIN) as unknown as OpenAPI3Document;
  return indexed(generateActions(appKey, doc));
}

// One promise per app: concurrent first uses share a single load. A failed load is forgotten.
const cache = new Map<string, Promise<AppActions>>();

function load(appKey: string): Promise<AppActions> | undefined {
  const cached = cache.get(appKey);
  if (cached) return cached;
  let loading: Promise<AppActions>;
  if (Object.hasOwn(generatedApps(), appKey)) loading = loadGenerated(appKey);
  else if ((SANDBOX_APPS as readonly string[]).includes(appKey)) {
    loading = Promise.resolve().then(() => loadSandbox(appKey));
  } else {
    const hand = Object.hasOwn(handActions, appKey) ? handActions[appKey] : undefined;
    if (!hand) return undefined;
    loading = Promise.resolve(indexed(hand));
  }
  cache.set(appKey, loading);
  loading.catch(() => cache.delete(appKey));
  return loading;
}

/** Forgets every loaded app (tests, memory measurements). */
export function clearActionCache(): void {
  cache.clear();
}

/** Keys of the apps that have actions, sorted; the sandbox apps only with a sandbox origin. */
export function appsWithActions(opts: RegistryOptions = {}): string[] {
  const keys = [...new Set([...Object.keys(generatedApps()), ...Object.keys(handActions)])];
  if (opts.sandboxOrigin) keys.push(...SANDBOX_APPS);
  return keys.sort();
}

function available(appKey: string, opts: RegistryOptions): boolean {
  return appsWithActions(opts).includes(appKey);
}

/** An app's actions sorted by name ([] for an app without actions). Cached after the first load. */
export async function getAppActions(
  appKey: string,
  opts: RegistryOptions = {},
): Promise<ActionDef[]> {
  if (!available(appKey, opts)) return [];
  const loaded = await load(appKey);
  return loaded ? [...loaded.list] : [];
}

/**
 * One action by its exact name. The app comes from the name's prefix, longest first, so
 * SANDBOX_KEY_LIST_NOTES is looked up in sandbox_key before sandbox.
 */
export async function getAction(
  name: string,
  opts: RegistryOptions = {},
): Promise<ActionDef | undefined> {
  const candidates = appsWithActions(opts)
    .map((key) => ({ key, prefix: appPrefix(key) }))
    .filter(({ prefix }) => name.startsWith(prefix) && name.length > prefix.length)
    .sort((a, b) => b.prefix.length - a.prefix.length);
  for (const { key } of candidates) {
    const action = (await load(key))?.index.get(name);
    if (action) return action;
  }
  return undefined;
}

const encodeCursor = (name: string) => Buffer.from(name, "utf8").toString("base64url");
const decodeCursor = (cursor: string) => Buffer.from(cursor, "base64url").toString("utf8");

/** Actions matching every given filter, in name order (by relevance when searched), one page at a time. */
export async function listActions(
  filter: ActionFilter = {},
  opts: RegistryOptions = {},
): Promise<ActionPage> {
  const apps = appsWithActions(opts).filter((key) => !filter.apps || filter.apps.includes(key));
  const tags = filter.tags?.map((tag) => tag.toLowerCase());
  const tagged = (action: ActionDef) =>
    !tags || action.tags.some((tag) => tags.includes(tag.toLowerCase()));
  let named: Set<ActionDef> | undefined;
  if (filter.names) {
    const wanted = [...new Set(filter.names)];
    const found = await Promise.all(wanted.map((name) => getAction(name, opts)));
    named = new Set(
      found.filter((action): action is ActionDef => !!action && apps.includes(action.app)),
    );
  }
  const requested = filter.limit ?? DEFAULT_LIMIT;
  const limit = Number.isFinite(requested)
    ? Math.min(MAX_LIMIT, Math.max(1, Math.floor(requested)))
    : DEFAULT_LIMIT;

  if (filter.search?.trim()) {
    const searched = await searchApps(apps, filter.search);
    const matching = searched.filter(
      ({ action }) => (!named || named.has(action)) && tagged(action),
    );
    return rankedPage(matching, filter, limit);
  }

  let pool: readonly ActionDef[];
  if (named) pool = [...named];
  else {
    const loaded = await Promise.all(apps.map((key) => load(key) ?? Promise.resolve(undefined)));
    pool = loaded.flatMap((app) => (app ? app.list : []));
  }
  const matching = pool.filter(tagged);
  const after = filter.cursor ? decodeCursor(filter.cursor) : undefined;
  const matches = matching
    .filter((action) => after === undefined || action.name > after)
    .sort(byName);
  const items = matches.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: matches.length > limit && last ? encodeCursor(last.name) : null,
    total: matching.length,
    offset: matching.length - matches.length,
    limit,
  };
}

interface Scored {
  action: ActionDef;
  score: number;
}

/** Every match of `query` in these apps (loading each on first use), with its relevance. */
async function searchApps(apps: readonly string[], query: string): Promise<Scored[]> {
  const loaded = await Promise.all(apps.map((key) => load(key) ?? Promise.resolve(undefined)));
  const out: Scored[] = [];
  for (const app of loaded) {
    if (!app) continue;
    for (const { name, score } of searchActions(app.list, query)) {
      const action = app.index.get(name);
      if (action) out.push({ action, score });
    }
  }
  return out;
}

// A searched page's cursor is the offset of its next item in the ranked list.
const OFFSET_CURSOR = "\u0000";

/** Search results, most relevant first (lib/actions/search.ts), name order among equals. */
function rankedPage(matching: Scored[], filter: ActionFilter, limit: number): ActionPage {
  const ranked = matching.sort((a, b) => b.score - a.score || byName(a.action, b.action));
  const decoded = filter.cursor ? decodeCursor(filter.cursor) : "";
  const offset = decoded.startsWith(OFFSET_CURSOR) ? Number(decoded.slice(1)) || 0 : 0;
  const items = ranked.slice(offset, offset + limit).map((hit) => hit.action);
  const next = offset + items.length;
  return {
    items,
    nextCursor: next < ranked.length ? encodeCursor(`${OFFSET_CURSOR}${next}`) : null,
    total: ranked.length,
    offset,
    limit,
  };
}

/** How many actions an app has (0 without actions); loads the app's catalog on first use. */
export async function actionCount(appKey: string, opts: RegistryOptions = {}): Promise<number> {
  if (!available(appKey, opts)) return 0;
  const loaded = await load(appKey);
  return loaded ? loaded.list.length : 0;
}

let ajv: Ajv | undefined;
const validators = new WeakMap<ActionDef, ValidateFunction>();

function validatorFactory(): Ajv {
  const instance = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
  addFormats(instance);
  return instance;
}

/** The ajv validate function for an action's parameters, compiled once per action. */
export function compiledValidator(action: ActionDef): ValidateFunction {
  let validate = validators.get(action);
  if (!validate) {
    ajv ??= validatorFactory();
    validate = ajv.compile(action.parameters);
    validators.set(action, validate);
  }
  return validate;
}
