// Regenerates the generated part of the app catalog (issue 15) from pinned, permissively licensed
// packages, read from a scratch install so `npm install` of Keyport stays small:
// - lib/catalog/generated/apps.json: OAuth apps from grant's config/oauth.json and profile.json
//   (MIT), for every provider no hand-checked app in lib/catalog/apps covers;
// - public/logos/<key>-<hash>.svg + lib/catalog/generated/logos.json: one static logo per built-in
//   app, from simple-icons (CC0) when it has the brand, else a monogram.
// Run: npx tsx scripts/generate-catalog.ts   (CATALOG_SRC=<dir> to reuse another scratch install)
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { builtInApps } from "../lib/catalog/apps";
import { DNS_LABEL, HOSTNAME } from "../lib/catalog/apps/shared";
import type { AppDef, AuthSchemeDef, FieldDef } from "../lib/catalog/types";
import { CATEGORIES, COVERED_BY_HAND, ICON_SLUGS, KEYS, NAMES } from "./catalog/grant-meta";
import { CHECKED } from "./catalog/checked";

/** The pinned data packages (THIRD_PARTY.md lists them with their licences). */
export const SOURCES = { grant: "5.4.24", "simple-icons": "16.37.0" } as const;

const root = path.resolve(import.meta.dirname, "..");
const src = process.env.CATALOG_SRC ?? "/tmp/keyport-catalog-src";
const modules = path.join(src, "node_modules");

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;

function ensureInstalled(): void {
  const missing = Object.entries(SOURCES).filter(([name, version]) => {
    const file = path.join(modules, name, "package.json");
    return !existsSync(file) || readJson<{ version: string }>(file).version !== version;
  });
  if (!missing.length) return;
  const specs = missing.map(([name, version]) => `${name}@${version}`);
  console.log(`installing ${specs.join(" ")} into ${src}`);
  execFileSync("npm", ["install", "--prefix", src, "--no-audit", "--no-fund", ...specs], {
    stdio: "inherit",
  });
}

interface GrantProvider {
  authorize_url: string;
  access_url: string;
  request_url?: string;
  oauth: 1 | 2;
  scope_delimiter?: string;
}

interface Icon {
  title: string;
  slug: string;
  hex: string;
}

const norm = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

// grant's `https://[subdomain]/…` (a whole host) vs `https://[subdomain].example.com/…` (one label).
function fieldFor(name: string, template: string): FieldDef | undefined {
  if (!template.includes("[subdomain]")) return undefined;
  const wholeHost = /^https:\/\/\[subdomain\][/:]/.test(template);
  return wholeHost
    ? {
        name: "host",
        displayName: `${name} host`,
        description:
          "Host name of your server or tenant, e.g. auth.example.com (no https://, no path).",
        required: true,
        secret: false,
        pattern: HOSTNAME,
      }
    : {
        name: "subdomain",
        displayName: `${name} subdomain`,
        description: "The first label of your account's host name, e.g. acme (letters, digits, -).",
        required: true,
        secret: false,
        pattern: DNS_LABEL,
      };
}

// Credentials only travel over TLS: grant's few http:// URLs (Deezer, Tumblr) are served over https too.
const fill = (url: string, field?: FieldDef) =>
  (field ? url.replaceAll("[subdomain]", `{${field.name}}`) : url).replace(
    /^http:\/\//,
    "https://",
  );

function grantApp(
  grantKey: string,
  provider: GrantProvider,
  grantProfileUrl: string | undefined,
  icon: Icon | undefined,
): AppDef {
  const key = KEYS[grantKey] ?? grantKey;
  const name = NAMES[grantKey] ?? icon?.title ?? grantKey;
  // Facts checked against the provider's current docs win over grant's (scripts/catalog/checked.ts).
  const checked = CHECKED[grantKey];
  const oauth = checked?.oauth2 ? 2 : provider.oauth;
  const authorizeTemplate = checked?.authorizeUrl ?? provider.authorize_url;
  const tokenTemplate = checked?.tokenUrl ?? provider.access_url;
  const requestTemplate = oauth === 1 ? (provider.request_url ?? "") : "";
  const field = fieldFor(
    name,
    [authorizeTemplate, tokenTemplate, requestTemplate].find((url) =>
      url.includes("[subdomain]"),
    ) ?? "",
  );
  const profileUrl = checked?.profileUrl ?? grantProfileUrl;
  // A placeholder only in the profile URL (Mailchimp's data centre, Harvest's account) is not known
  // before the connection exists: such apps capture no identity rather than ask for it.
  const profile =
    profileUrl && (!profileUrl.includes("[subdomain]") || field) ? profileUrl : undefined;
  const profileParts = profile ? /^(https?:\/\/[^/]+)(\/.*)?$/.exec(fill(profile, field)) : null;
  const apiBaseUrl =
    profileParts?.[1] ?? fill(/^https?:\/\/[^/]+/.exec(authorizeTemplate)?.[0] ?? "", field);
  const separator = provider.scope_delimiter === undefined ? "," : " "; // grant's default is ","
  const scheme: AuthSchemeDef =
    oauth === 1
      ? {
          mode: "OAUTH1",
          oauth1: {
            requestTokenUrl: fill(requestTemplate, field),
            authorizeUrl: fill(authorizeTemplate, field),
            accessTokenUrl: fill(tokenTemplate, field),
            signatureMethod: "HMAC-SHA1",
          },
          fields: [],
        }
      : {
          mode: "OAUTH2",
          oauth2: {
            authorizeUrl: fill(authorizeTemplate, field),
            tokenUrl: fill(tokenTemplate, field),
            scopeSeparator: checked?.scopeSeparator ?? separator,
            defaultScopes: checked?.noScopes ? [] : (checked?.defaultScopes ?? []),
            pkce: checked?.pkce ?? true,
            tokenAuthMethod: checked?.tokenAuthMethod ?? "client_secret_post",
            ...(checked?.authorizeParams ? { authorizeParams: checked.authorizeParams } : {}),
            ...(checked?.reconsentParams ? { reconsentParams: checked.reconsentParams } : {}),
            ...(checked?.noScopes ? { noScopes: true } : {}),
          },
          fields: [],
        };
  const sources = [
    "config/oauth.json",
    ...(profile && profile === grantProfileUrl ? ["config/profile.json"] : []),
  ];
  const app: AppDef = {
    key,
    name,
    description: `Connect a ${name} account with OAuth ${oauth === 1 ? "1.0a" : "2.0"}.`,
    logo: "",
    categories: CATEGORIES[grantKey] ?? ["other"],
    docsUrl: checked?.docsUrl ?? new URL(authorizeTemplate.replace("[subdomain]", "www")).origin,
    apiBaseUrl,
    authSchemes: [scheme],
    connectionFields: field ? [field] : [],
    provenance: {
      source: `grant@${SOURCES.grant} ${sources.join(" + ")}`,
      license: "MIT",
      ...(checked ? { checkedAgainst: checked.docsUrl } : {}),
    },
  };
  if (profileParts) {
    app.identity = {
      method: "GET",
      path: profileParts[2] ?? "/",
      id: checked?.identityId ?? "id",
      ...(checked?.identityLogin ? { login: checked.identityLogin } : {}),
      ...(checked?.identityName ? { name: checked.identityName } : {}),
    };
  }
  return app;
}

// Keycloak's realm is a second path segment: two strict fields instead of grant's free-form host+path.
function keycloak(app: AppDef): AppDef {
  const realm: FieldDef = {
    name: "realm",
    displayName: "Keycloak realm",
    description: "The realm name, e.g. master (letters, digits, _ and -).",
    required: true,
    secret: false,
    pattern: "^[A-Za-z0-9_-]{1,64}$",
  };
  const base = "https://{host}/realms/{realm}/protocol/openid-connect";
  const oauth2 = app.authSchemes[0]!.oauth2!;
  return {
    ...app,
    apiBaseUrl: "https://{host}",
    authSchemes: [
      {
        ...app.authSchemes[0]!,
        oauth2: {
          ...oauth2,
          authorizeUrl: `${base}/auth`,
          tokenUrl: `${base}/token`,
          scopeSeparator: " ",
          defaultScopes: ["openid"],
        },
      },
    ],
    connectionFields: [...app.connectionFields, realm],
    identity: {
      method: "GET",
      path: "/realms/{realm}/protocol/openid-connect/userinfo",
      id: "sub",
      login: "preferred_username",
      name: "name",
    },
  };
}

// ---- logos ----

function luminance(hex: string): number {
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function iconSvg(icon: Icon, svgText: string): string {
  const d = /<path d="([^"]+)"/.exec(svgText)?.[1];
  if (!d) throw new Error(`simple-icons ${icon.slug}: no path`);
  // Near-white brand colours would vanish on a light page: those draw in dark grey.
  const colour = luminance(icon.hex) > 0.85 ? "1F2937" : icon.hex;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="64" height="64"><path fill="#${colour}" d="${d}"/></svg>\n`;
}

function monogramSvg(label: string, key: string): string {
  const colour = `#${createHash("sha256").update(key).digest("hex").slice(0, 6)}`;
  const text =
    label
      .replace(/[^A-Za-z0-9]/g, "")
      .slice(0, 2)
      .toUpperCase() || "?";
  const size = text.length === 1 ? 34 : 28;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">` +
    `<rect width="64" height="64" rx="14" fill="${colour}"/>` +
    `<rect width="64" height="64" rx="14" fill="#000" fill-opacity=".25"/>` +
    `<text x="32" y="32" dy=".35em" text-anchor="middle" fill="#fff" font-size="${size}" font-weight="600" ` +
    `font-family="system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">${text}</text></svg>\n`
  );
}

function main(): void {
  ensureInstalled();
  const started = performance.now();
  const oauth = readJson<Record<string, GrantProvider>>(
    path.join(modules, "grant/config/oauth.json"),
  );
  const profiles = readJson<Record<string, { profile_url: string }>>(
    path.join(modules, "grant/config/profile.json"),
  );
  const icons = readJson<Icon[]>(path.join(modules, "simple-icons/data/simple-icons.json"));
  const bySlug = new Map(icons.map((icon) => [icon.slug, icon]));
  const byTitle = new Map(icons.map((icon) => [norm(icon.title), icon]));
  const iconFor = (key: string, name?: string): Icon | undefined =>
    bySlug.get(ICON_SLUGS[key] ?? key) ??
    byTitle.get(norm(key)) ??
    (name ? byTitle.get(norm(name)) : undefined);

  const handKeys = new Set(builtInApps.map((app) => app.key));
  const generated: AppDef[] = [];
  for (const key of Object.keys(oauth).sort()) {
    if (COVERED_BY_HAND.has(key) || handKeys.has(key)) continue;
    const app = grantApp(key, oauth[key]!, profiles[key]?.profile_url, iconFor(key));
    generated.push(key === "keycloak" ? keycloak(app) : app);
  }

  // Logos for every built-in app, hand-checked or generated.
  const logoDir = path.join(root, "public/logos");
  rmSync(logoDir, { recursive: true, force: true });
  mkdirSync(logoDir, { recursive: true });
  const logos: Record<string, string> = {};
  let fromIcons = 0;
  for (const app of [...builtInApps, ...generated].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const grantKey = Object.keys(KEYS).find((k) => KEYS[k] === app.key) ?? app.key;
    const icon = iconFor(grantKey, NAMES[grantKey] ? undefined : app.name);
    const svg = icon
      ? iconSvg(
          icon,
          readFileSync(path.join(modules, "simple-icons/icons", `${icon.slug}.svg`), "utf8"),
        )
      : monogramSvg(app.name, app.key);
    if (icon) fromIcons++;
    const file = `${app.key}-${createHash("sha256").update(svg).digest("hex").slice(0, 10)}.svg`;
    writeFileSync(path.join(logoDir, file), svg);
    logos[app.key] = `/logos/${file}`;
  }
  for (const app of generated) app.logo = logos[app.key]!;

  const outDir = path.join(root, "lib/catalog/generated");
  mkdirSync(outDir, { recursive: true });
  const head = { sources: { grant: `grant@${SOURCES.grant}` }, count: generated.length };
  writeFileSync(
    path.join(outDir, "apps.json"),
    `${JSON.stringify(head).slice(0, -1)},"apps":[\n${generated.map((a) => JSON.stringify(a)).join(",\n")}\n]}\n`,
  );
  writeFileSync(
    path.join(outDir, "logos.json"),
    `${JSON.stringify({ source: `simple-icons@${SOURCES["simple-icons"]} (CC0-1.0), monograms otherwise`, logos }, null, 1)}\n`,
  );
  console.log(
    `${generated.length} generated apps, ${Object.keys(logos).length} logos (${fromIcons} from simple-icons, ` +
      `${Object.keys(logos).length - fromIcons} monograms) in ${Math.round(performance.now() - started)} ms`,
  );
  console.log(`logo files: ${readdirSync(logoDir).length}`);
}

main();
