// Shared steps for the security specs (SECURITY.md 16, 18, 24, 25, 26): route and page discovery
// from the source tree, sample values for dynamic segments, server actions from the build's
// manifest, and a book of known secrets that responses are scanned for.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, type APIResponse, type Response } from "@playwright/test";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

const ROOT = process.cwd();
const APP_DIR = path.join(ROOT, "app");

/** A route handler file: its URL template (route groups dropped) and the methods it exports. */
export interface RouteFile {
  /** Repository-relative path, e.g. `app/api/v3.1/connected_accounts/[id]/route.ts`. */
  file: string;
  /** URL template, e.g. `/api/v3.1/connected_accounts/[id]`. */
  template: string;
  methods: Method[];
}

/** A page file and its URL template. */
export interface PageFile {
  file: string;
  template: string;
}

function walk(dir: string, name: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      out.push(...walk(full, name));
    } else if (entry.name === name) {
      out.push(full);
    }
  }
  return out.sort();
}

/** `app/(dashboard)/connections/[id]/page.tsx` → `/connections/[id]`; private `_x` folders excluded by the caller. */
function templateOf(file: string): string {
  const segments = path
    .relative(APP_DIR, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

/** The HTTP methods a route file exports (functions, consts and re-exports). */
export function exportedMethods(source: string): Method[] {
  const found = new Set<string>();
  for (const m of source.matchAll(
    /export\s+(?:async\s+)?(?:function\s*\*?|const|let|var)\s+([A-Z]+)\b/g,
  )) {
    found.add(m[1]!);
  }
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(",")) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name) found.add(name);
    }
  }
  return METHODS.filter((m) => found.has(m));
}

/** Every `route.ts` under `app/<under>` (default: the whole app), discovered now. */
export function discoverRoutes(under = ""): RouteFile[] {
  return walk(path.join(APP_DIR, under), "route.ts")
    .filter((f) => !f.split(path.sep).some((s) => s.startsWith("_")))
    .map((f) => ({
      file: path.relative(ROOT, f),
      template: templateOf(f),
      methods: exportedMethods(fs.readFileSync(f, "utf8")),
    }));
}

/** Every `page.tsx` under `app/<under>`, discovered now. */
export function discoverPages(under: string): PageFile[] {
  return walk(path.join(APP_DIR, under), "page.tsx")
    .filter((f) => !f.split(path.sep).some((s) => s.startsWith("_")))
    .map((f) => ({ file: path.relative(ROOT, f), template: templateOf(f) }));
}

/** Does a route file exist (for tables that name routes another engineer may still be writing)? */
export const routeFileExists = (template: string): boolean =>
  fs.existsSync(path.join(APP_DIR, ...template.split("/").filter(Boolean), "route.ts"));

// ---------------------------------------------------------------------------------------------
// Sample values for dynamic segments.

/** Real ids (or plausible samples) per kind of object a URL segment names. */
export interface Samples {
  connection: string[];
  integration: string[];
  entity: string[];
  toolkit: string[];
  tool: string[];
  linkToken: string[];
  authConfigStatus: string[];
  nextauth: string[];
  /** An execution (Logs detail page). */
  execution: string[];
  /** A webhook endpoint (Settings → Webhooks). */
  webhook: string[];
  /** Anything else: a segment nobody has taught this file yet. */
  other: string[];
}

/** Placeholders: well-formed but unknown ids (the unauthenticated spec overrides them with real ones). */
export const PLACEHOLDER_SAMPLES: Samples = {
  connection: ["ca_sample000000000000"],
  integration: ["ac_sample000000000000"],
  entity: ["sample_user"],
  toolkit: ["sandbox"],
  tool: ["SANDBOX_LIST_NOTES"],
  linkToken: ["ln_sample000000000000"],
  authConfigStatus: ["DISABLED"],
  nextauth: ["session"],
  execution: ["log_sample000000000000"],
  webhook: ["we_sample000000000000"],
  other: ["sample"],
};

/** Which kind of object a dynamic segment names, from its name and the segment before it. */
export function segmentKind(param: string, previous: string | undefined): keyof Samples {
  const prev = previous ?? "";
  if (param === "id") {
    if (/^(connected_accounts|connectedAccounts|connections)$/.test(prev)) return "connection";
    if (/^(auth_configs|integrations)$/.test(prev)) return "integration";
    if (prev === "entities") return "entity";
    if (prev === "logs") return "execution";
    if (prev === "webhooks") return "webhook";
    return "other";
  }
  if (param === "status") return "authConfigStatus";
  if (param === "token") return "linkToken";
  if (param === "key") return "toolkit";
  if (param === "name") return "tool";
  if (param === "slug") return prev === "toolkits" ? "toolkit" : "tool";
  if (param.startsWith("...")) return "nextauth";
  return "other";
}

/** Every URL for a template with each combination of sample values (at most `cap`). */
export function expandTemplate(template: string, samples: Samples, cap = 50): string[] {
  let urls = [""];
  const segments = template.split("/").filter(Boolean);
  segments.forEach((segment, i) => {
    const m = /^\[\[?(.+?)\]?\]$/.exec(segment);
    if (!m) {
      urls = urls.map((u) => `${u}/${segment}`);
      return;
    }
    const values = samples[segmentKind(m[1]!, segments[i - 1])];
    const next: string[] = [];
    for (const u of urls)
      for (const v of values.length ? values : ["sample"])
        next.push(`${u}/${encodeURIComponent(v)}`);
    urls = next.slice(0, cap);
  });
  return urls.length ? urls.map((u) => u || "/") : ["/"];
}

// ---------------------------------------------------------------------------------------------
// Server actions, from the build the server runs.

export interface ServerAction {
  id: string;
  name: string;
  file: string;
  /** Route keys of the pages that load it, e.g. `app/(dashboard)/settings/api-keys/page`. */
  pages: string[];
}

/** Every server action of the current build (`NEXT_DIST_DIR`, else `.next`). */
export function serverActions(): ServerAction[] {
  const dist = process.env.NEXT_DIST_DIR || ".next";
  const file = path.join(ROOT, dist, "server", "server-reference-manifest.json");
  expect(
    fs.existsSync(file),
    `${file} (run the spec through \`npm run test:e2e\` so the build the server runs is there)`,
  ).toBe(true);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string; workers?: object }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => ({
    id,
    name: a.exportedName ?? "?",
    file: a.filename ?? "?",
    pages: Object.keys(a.workers ?? {}),
  }));
}

/** The URL of a page route key: `app/(dashboard)/settings/api-keys/page` → `/settings/api-keys`. */
export function pageUrlOfRouteKey(key: string, samples: Samples): string {
  const template = `/${key
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .join("/")}`;
  return expandTemplate(template, samples)[0]!;
}

/** Headers of a server-action POST as React sends it. */
export const actionHeaders = (id: string, origin: string) => ({
  "next-action": id,
  "content-type": "text/plain;charset=UTF-8",
  accept: "text/x-component",
  origin,
});

// ---------------------------------------------------------------------------------------------
// Known secrets and the scan for them.

export interface Secret {
  label: string;
  value: string;
  /** Leading characters the product shows on purpose (an API key's prefix). */
  publicPrefix: number;
  /** Where the value belongs by design (matched against the `where` of a scan), e.g. a link token in its own link page. */
  allowedWhere?: RegExp;
  /** Search only the whole value (fixed test constants with guessable pieces such as "0123456789"). */
  wholeOnly?: boolean;
}

export interface Leak {
  where: string;
  secret: string;
  fragment: string;
}

const WINDOW = 10;

/** Secrets the tests made or typed; `scan` finds any of them (or a 10-character piece) in text. */
export class SecretBook {
  readonly secrets: Secret[] = [];

  add(
    label: string,
    value: string,
    options: { publicPrefix?: number; allowedWhere?: RegExp; wholeOnly?: boolean } = {},
  ): void {
    expect(value.length, `secret ${label} is long enough to search for`).toBeGreaterThanOrEqual(8);
    if (!this.secrets.some((s) => s.value === value))
      this.secrets.push({ label, value, publicPrefix: options.publicPrefix ?? 0, ...options });
  }

  /** A new secret: `prefix` (readable, not secret) plus 24 random characters; only the random part is searched for in pieces. */
  fresh(label: string, prefix: string): string {
    const value = `${prefix}${randomSuffix()}`;
    this.add(label, value, { publicPrefix: prefix.length });
    return value;
  }

  /** The fragments that must never appear: the value, its base64 forms and, for long values, every 10-character window outside the public prefix. */
  private fragments(s: Secret): string[] {
    const out = new Set<string>([s.value]);
    const b64 = Buffer.from(s.value).toString("base64").replace(/=+$/, "");
    out.add(b64);
    out.add(b64.replace(/\+/g, "-").replace(/\//g, "_"));
    if (s.value.length >= 16 && !s.wholeOnly) {
      for (let i = 0; i + WINDOW <= s.value.length; i++) {
        // Pieces need 6 characters past the public prefix: fewer could match a readable id by chance.
        if (i + WINDOW - s.publicPrefix < 6) continue;
        out.add(s.value.slice(i, i + WINDOW));
      }
    }
    return [...out];
  }

  scan(where: string, text: string): Leak[] {
    if (!text) return [];
    const leaks: Leak[] = [];
    const variants = [text];
    try {
      const decoded = decodeURIComponent(text);
      if (decoded !== text) variants.push(decoded);
    } catch {
      // Not URL-encoded text.
    }
    for (const s of this.secrets) {
      if (s.allowedWhere?.test(where)) continue;
      const hit = this.fragments(s).find((f) => variants.some((t) => t.includes(f)));
      if (hit) leaks.push({ where, secret: s.label, fragment: hit });
    }
    return leaks;
  }

  /** Scan a response's headers (all of them, Set-Cookie included) and body. */
  async scanResponse(where: string, res: APIResponse | Response): Promise<Leak[]> {
    const headers = await headerPairs(res);
    const leaks = headers.flatMap((h) => this.scan(`${where} [header ${h.name}]`, h.value));
    let body = "";
    try {
      body = (await res.body()).toString("utf8");
    } catch {
      // Redirect responses have no body to read.
    }
    return [...leaks, ...this.scan(`${where} [body]`, body)];
  }
}

async function headerPairs(
  res: APIResponse | Response,
): Promise<Array<{ name: string; value: string }>> {
  try {
    return await Promise.resolve(res.headersArray());
  } catch {
    return []; // the page navigated away before the headers could be read
  }
}

/** A readable failure listing every leak. */
export function expectNoLeaks(leaks: Leak[]): void {
  expect(
    leaks.map((l) => `${l.secret} in ${l.where} (matched "${l.fragment}")`),
    "secrets found in responses",
  ).toEqual([]);
}

/** The Default project's sandbox OAuth client secret, derived like lib/server/sandbox.ts does. */
export function derivedSandboxClientSecret(authSecret: string): string {
  return Buffer.from(
    crypto.hkdfSync("sha256", authSecret, "keyport", "sandbox-client-secret", 32),
  ).toString("base64url");
}

/** A random suffix for secrets that must be unique to this run. */
export const randomSuffix = (bytes = 18) => crypto.randomBytes(bytes).toString("base64url");

// ---------------------------------------------------------------------------------------------
// Error bodies.

/** The face of an API path: v3.1 and the dashboard answer `{error:{message}}`, v1/v2 `{message}`. */
export const faceOf = (p: string): "legacy" | "v3" => (/^\/api\/v[12]\//.test(p) ? "legacy" : "v3");

/** The JSON error message of a response in its face's shape ("" when there is none). */
export async function errorMessage(res: APIResponse, p: string): Promise<string> {
  const type = res.headers()["content-type"] ?? "";
  if (!type.includes("application/json")) return "";
  const body = (await res.json().catch(() => null)) as {
    message?: unknown;
    error?: { message?: unknown };
  } | null;
  const message = faceOf(p) === "legacy" ? body?.message : body?.error?.message;
  return typeof message === "string" ? message : "";
}
