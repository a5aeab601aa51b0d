import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it, expect } from "vitest";
import { fillTemplate, getApp, listApps } from "@/lib/catalog";
import { GOOGLE_OAUTH } from "@/lib/catalog/apps/google";
import { monogram } from "@/lib/catalog/logos";
import type { AppDef } from "@/lib/catalog/types";

const ORIGIN = "http://127.0.0.1:4010";
const SANDBOX_KEYS = ["sandbox", "sandbox_key"];
const KEYS = `github gitlab bitbucket gmail googlecalendar googledrive googlesheets slack notion
  linear jira confluence asana trello hubspot salesforce zendesk shopify outlook teams dropbox box
  discord figma airtable zoom calendly todoist clickup intercom stripe openai sendgrid twilio`;
// A valid value for each template field used by the catalog.
const SID = `AC${"0123456789abcdef".repeat(2)}`;
const SAMPLES: Record<string, string> = {
  subdomain: "acme",
  shop: "acme",
  account_sid: SID,
  host: "auth.example.com",
  realm: "master",
};

const all = listApps({ sandboxOrigin: ORIGIN });
const real = listApps();
const isSandbox = (app: AppDef) => SANDBOX_KEYS.includes(app.key);

function urlsOf(app: AppDef): string[] {
  const urls = [app.apiBaseUrl, app.docsUrl, app.identity?.baseUrl];
  for (const { oauth2: o2, oauth1: o1 } of app.authSchemes) {
    urls.push(o2?.authorizeUrl, o2?.tokenUrl, o2?.revokeUrl);
    urls.push(o1?.requestTokenUrl, o1?.authorizeUrl, o1?.accessTokenUrl);
  }
  return urls.filter((url): url is string => url !== undefined);
}

function patternsOf(app: AppDef): string[] {
  const fields = [...app.connectionFields, ...app.authSchemes.flatMap((s) => s.fields)];
  return fields.flatMap((f) => (f.pattern ? [f.pattern] : []));
}

function requireApp(key: string): AppDef {
  const app = getApp(key, { sandboxOrigin: ORIGIN });
  if (!app) throw new Error(`missing app ${key}`);
  return app;
}
const oauth2Of = (key: string) => requireApp(key).authSchemes[0]?.oauth2;

describe("catalog – listing", () => {
  it("lists at least 32 real apps with every required key, plus the two sandbox apps", () => {
    expect(real.length).toBeGreaterThanOrEqual(32);
    expect(real.map((a) => a.key)).toEqual(expect.arrayContaining(KEYS.split(/\s+/)));
    expect(real.some(isSandbox)).toBe(false);
    expect(all.length).toBe(real.length + 2);
    expect(all.filter(isSandbox).map((a) => a.key)).toEqual(SANDBOX_KEYS);
  });

  it("has unique lower-case keys and is sorted by name", () => {
    const keys = all.map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z][a-z0-9_]*$/);
    const names = all.map((a) => a.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
  });

  it("getApp finds apps by key and the sandbox only with an origin", () => {
    expect(getApp("github")?.name).toBe("GitHub");
    expect(getApp("nope")).toBeUndefined();
    expect(getApp("sandbox")).toBeUndefined();
    expect(oauth2Of("sandbox")?.tokenUrl).toBe(`${ORIGIN}/token`);
  });

  it("does not let a caller change the shared catalog", () => {
    expect(() => oauth2Of("github")?.defaultScopes.push("admin:org")).toThrow();
  });
});

describe.each(all.map((a) => [a.key, a] as const))("catalog – %s", (_key, app) => {
  it("has https URLs that parse once templates are filled (the sandbox is http)", () => {
    for (const template of urlsOf(app)) {
      const url = new URL(fillTemplate(template, app, SAMPLES));
      expect(url.protocol).toBe(isSandbox(app) ? "http:" : "https:");
    }
  });

  it("has patterns that compile and are anchored", () => {
    for (const pattern of patternsOf(app)) {
      expect(() => new RegExp(pattern)).not.toThrow();
      expect(pattern.startsWith("^") && pattern.endsWith("$")).toBe(true);
    }
  });

  it("has complete auth settings, a docs URL and a logo (a static file, or inline for the sandbox)", () => {
    expect(app.authSchemes.length).toBeGreaterThan(0);
    expect(app.docsUrl).toMatch(/^https?:\/\/\S+$/);
    if (isSandbox(app)) expect(app.logo.startsWith("data:image/svg+xml,")).toBe(true);
    else {
      expect(app.logo).toMatch(/^\/logos\/[a-z0-9_]+-[0-9a-f]{10}\.svg$/);
      expect(readFileSync(path.join("public", app.logo), "utf8")).toMatch(/^<svg [^>]*viewBox/);
    }
    // grant lists no scopes: a generated app leaves them to the integration's configuration.
    const generated = app.provenance?.source.startsWith("grant@") === true;
    for (const { mode, oauth2, oauth1, placement, fields } of app.authSchemes) {
      if (mode === "OAUTH2") {
        expect(oauth2?.authorizeUrl).toMatch(/^https?:\/\//);
        expect(oauth2?.tokenUrl).toMatch(/^https?:\/\//);
        // Scope-less providers say so explicitly instead of sending an empty scope.
        if (!generated) expect(oauth2?.defaultScopes.length === 0).toBe(oauth2?.noScopes === true);
      }
      if (mode === "OAUTH1") expect(oauth1?.signatureMethod).toBe("HMAC-SHA1");
      if (mode === "API_KEY") {
        expect(placement?.name).toMatch(/^[\w-]+$/);
        expect(app.check?.path.startsWith("/")).toBe(true);
        expect(fields.some((f) => f.secret && f.required)).toBe(true);
      }
    }
  });
});

describe("catalog – provider specifics", () => {
  it("identity endpoints on another host are listed in allowedHosts", () => {
    for (const app of all.filter((a) => a.identity?.baseUrl)) {
      expect(app.allowedHosts).toContain(new URL(app.identity?.baseUrl ?? "").host);
    }
  });

  it("Google apps share one OAuth configuration with offline access and forced consent", () => {
    for (const key of ["gmail", "googlecalendar", "googledrive", "googlesheets"]) {
      const { defaultScopes, ...shared } = oauth2Of(key) ?? { defaultScopes: [] };
      expect(shared).toEqual(GOOGLE_OAUTH);
      expect(shared).toMatchObject({
        authorizeParams: { access_type: "offline", prompt: "consent" },
        revokeUrl: "https://oauth2.googleapis.com/revoke",
      });
      expect(defaultScopes.length).toBeGreaterThan(0);
    }
  });

  it("Slack, Atlassian, Salesforce, Microsoft, Trello and Airtable carry their specifics", () => {
    expect(oauth2Of("slack")).toMatchObject({ scopeSeparator: ",", userScopeParam: "user_scope" });
    for (const key of ["jira", "confluence"]) {
      const params = { audience: "api.atlassian.com", prompt: "consent" };
      expect(oauth2Of(key)?.authorizeParams).toEqual(params);
    }
    expect(oauth2Of("salesforce")?.apiBaseUrlFromTokenField).toBe("instance_url");
    for (const key of ["outlook", "teams"]) {
      expect(oauth2Of(key)?.defaultScopes).toContain("offline_access");
      expect(requireApp(key).apiBaseUrl).toBe("https://graph.microsoft.com/v1.0");
    }
    const trello = requireApp("trello").authSchemes[0]?.oauth1;
    expect(trello?.accessTokenUrl).toBe("https://trello.com/1/OAuthGetAccessToken");
    expect(oauth2Of("airtable")?.pkce).toBe(true);
    expect(requireApp("gitlab").selfHostable).toBe(true);
  });
});

describe("fillTemplate", () => {
  const zendesk = requireApp("zendesk");
  const template = zendesk.apiBaseUrl;

  it("fills a valid subdomain", () => {
    expect(fillTemplate(template, zendesk, { subdomain: "acme" })).toBe(
      "https://acme.zendesk.com/api/v2",
    );
    const shopify = requireApp("shopify");
    expect(fillTemplate(oauth2Of("shopify")?.tokenUrl ?? "", shopify, SAMPLES)).toBe(
      "https://acme.myshopify.com/admin/oauth/access_token",
    );
  });

  it.each(["evil.com#", "a.b", "x/y", "user@host", "", "ACME", "-acme", "a b", "acme:443"])(
    "refuses %j and names the field",
    (subdomain) => {
      expect(() => fillTemplate(template, zendesk, { subdomain })).toThrow(/subdomain/);
    },
  );

  it("refuses a missing value, an unknown field and a secret field", () => {
    expect(() => fillTemplate(template, zendesk, {})).toThrow(/subdomain.*required/);
    expect(() => fillTemplate("https://{tenant}.example.com", zendesk, {})).toThrow(/tenant/);
    const twilio = requireApp("twilio");
    expect(() => fillTemplate("/x/{auth_token}", twilio, { auth_token: "a".repeat(32) })).toThrow(
      /secret/,
    );
  });

  it("validates against the field pattern, and fills API paths", () => {
    const twilio = requireApp("twilio");
    const path = twilio.identity?.path ?? "";
    expect(fillTemplate(path, twilio, SAMPLES)).toBe(`/Accounts/${SID}.json`);
    expect(() => fillTemplate(path, twilio, { account_sid: "AC123" })).toThrow(/account_sid/);
  });

  it("treats a field without a pattern as one DNS label", () => {
    const region = { name: "region", displayName: "Region", description: "", required: true };
    const app: AppDef = { ...zendesk, connectionFields: [{ ...region, secret: false }] };
    const fill = (value: string) =>
      fillTemplate("https://{region}.example.com", app, { region: value });
    expect(fill("eu-1")).toBe("https://eu-1.example.com");
    for (const bad of ["eu.evil.com#", "x/y", "a@b", ""]) expect(() => fill(bad)).toThrow(/region/);
  });
});

describe("monogram", () => {
  it("draws an inline SVG in the brand colour, keeping only letters and digits", () => {
    const svg = decodeURIComponent(monogram("G<H>", "#181717").slice("data:image/svg+xml,".length));
    expect(svg).toContain('fill="#181717"');
    expect(svg).toContain(">GH</text>");
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(() => monogram("X", "red")).toThrow();
  });
});
