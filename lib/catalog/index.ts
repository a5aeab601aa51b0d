// The app catalog: typed data written by us (DESIGN.md "Catalog"), plus the one safe way to put
// per-connection values into an app's URL templates (SECURITY.md 19–20).
import type { AppDef, FieldDef } from "./types";
import { builtInApps, sandboxApps } from "./apps";
import { DNS_LABEL } from "./apps/shared";

export type { AppDef } from "./types";
export { DNS_LABEL };

interface CatalogOptions {
  /** Origin of the built-in sandbox; its two apps are listed only when this is given. */
  sandboxOrigin?: string;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

// Frozen, so a caller cannot change the catalog for every other request by accident.
const BUILT_IN = deepFreeze(builtInApps);
const BY_KEY = new Map(BUILT_IN.map((app) => [app.key, app]));

let sandboxCache: { origin: string; apps: readonly AppDef[] } | undefined;

function sandboxFor(origin: string): readonly AppDef[] {
  if (sandboxCache?.origin !== origin) {
    sandboxCache = { origin, apps: deepFreeze(sandboxApps(origin)) };
  }
  return sandboxCache.apps;
}

/** Every app, sorted by name; the sandbox apps only when `sandboxOrigin` is given. */
export function listApps(opts: CatalogOptions = {}): AppDef[] {
  const apps = opts.sandboxOrigin
    ? [...BUILT_IN, ...CUSTOM.values(), ...sandboxFor(opts.sandboxOrigin)]
    : [...BUILT_IN, ...CUSTOM.values()];
  return apps.sort((a, b) => a.name.localeCompare(b.name, "en") || a.key.localeCompare(b.key));
}

// Apps added at run time by the embedding code (self-hosted providers, test peers); never replace built-ins.
const CUSTOM = new Map<string, AppDef>();

/** Register an extra app definition for this process (e.g. an in-house provider, or a test peer). */
export function registerApp(app: AppDef): void {
  if (BY_KEY.has(app.key) || app.key.startsWith("sandbox"))
    throw new Error(`App "${app.key}" is built in`);
  CUSTOM.set(app.key, deepFreeze(structuredClone(app)));
}

/** One app by key, or undefined. */
export function getApp(key: string, opts: CatalogOptions = {}): AppDef | undefined {
  const app = BY_KEY.get(key) ?? CUSTOM.get(key);
  if (app || !opts.sandboxOrigin) return app;
  return sandboxFor(opts.sandboxOrigin).find((candidate) => candidate.key === key);
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
// Characters that could move a value out of the host label (or path segment) it was meant for.
const NEVER_IN_VALUES = /[\s/\\#?@:%{}[\]]/;
const PATH_BASE = "https://path-template.invalid";

/** The field a template placeholder names: a connection field, or a non-secret credential field. */
function templateField(app: AppDef, name: string): FieldDef {
  const field =
    app.connectionFields.find((f) => f.name === name) ??
    app.authSchemes.flatMap((scheme) => scheme.fields).find((f) => f.name === name);
  if (!field) throw new Error(`${app.name}: the template names an unknown field "${name}"`);
  // Secrets never go into URLs (SECURITY.md 18).
  if (field.secret) throw new Error(`${app.name}: "${name}" is secret and cannot be put in a URL`);
  return field;
}

function validValue(app: AppDef, name: string, values: Record<string, string>): string {
  const field = templateField(app, name);
  const value = values[name] ?? field.default ?? "";
  const label = `${field.displayName} (${name})`;
  if (value === "") throw new Error(`${label} is required`);
  // Anchored again here, so a pattern written without ^…$ still has to match the whole value.
  const pattern = new RegExp(`^(?:${field.pattern ?? DNS_LABEL})$`);
  if (NEVER_IN_VALUES.test(value) || !pattern.test(value)) {
    // The value itself stays out of the message: it is user input and may end up in logs.
    const hint = field.pattern ? field.description : "it must be one DNS label (a-z, 0-9, -)";
    throw new Error(`${label} is not valid${hint ? `: ${hint}` : ""}`);
  }
  return value;
}

/**
 * Replaces each {field} in an app URL template (absolute URL or API path) with its validated
 * value, then re-parses the result and checks it still points at the host the template meant.
 * Throws an Error with a readable message naming the field when a value is missing or invalid.
 */
export function fillTemplate(
  template: string,
  app: AppDef,
  values: Record<string, string>,
): string {
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_match, name: string) => validValue(app, name, values));
  const filled = fill(template);

  if (template.startsWith("/")) {
    // A path relative to the API base: it must not become `//host` or `/\host` (SECURITY.md 19).
    const url = new URL(filled, PATH_BASE);
    if (filled.startsWith("//") || filled.includes("\\") || url.origin !== PATH_BASE) {
      throw new Error(`${app.name}: "${template}" does not stay a path on the API host`);
    }
    return filled;
  }

  const parts = /^(https?):\/\/([^/?#]+)/i.exec(template);
  if (!parts?.[1] || !parts[2]) {
    throw new Error(`${app.name}: "${template}" is neither an absolute http(s) URL nor a path`);
  }
  const expectedHost = fill(parts[2]).toLowerCase();
  let url: URL;
  try {
    url = new URL(filled);
  } catch {
    throw new Error(`${app.name}: "${template}" does not make a valid URL with these values`);
  }
  if (
    url.protocol !== `${parts[1].toLowerCase()}:` ||
    url.host !== expectedHost ||
    url.username !== "" ||
    url.password !== ""
  ) {
    throw new Error(
      `${app.name}: the URL built from "${template}" does not point at ${expectedHost}`,
    );
  }
  return filled;
}
