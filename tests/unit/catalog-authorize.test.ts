// Every OAuth app's authorization request, built by the one function the connect flow uses
// (lib/core/authorize-url.ts): endpoint, scope parameter and delimiter, PKCE, extra parameters;
// and for the apps checked against their providers' docs, the facts those docs state.
import { describe, expect, it } from "vitest";
import { fillTemplate, listApps } from "@/lib/catalog";
import type { AppDef, OAuth2Settings } from "@/lib/catalog/types";
import { authorizeUrl } from "@/lib/core/authorize-url";

const SAMPLES: Record<string, string> = {
  subdomain: "acme",
  shop: "acme",
  host: "auth.example.com",
  realm: "master",
};
const REQUEST = {
  clientId: "client-123",
  redirectUri: "https://keyport.example/api/oauth/callback",
  scopes: ["read:a", "write"],
  state: "state-abc",
  challenge: "challenge-xyz",
};

const oauth2Apps = listApps().flatMap((app) =>
  app.authSchemes.flatMap((s) => (s.oauth2 ? [[app.key, app, s.oauth2] as const] : [])),
);
const oauth1Apps = listApps().filter((app) => app.authSchemes.some((s) => s.mode === "OAUTH1"));

function build(app: AppDef, s: OAuth2Settings): URL {
  return new URL(
    authorizeUrl(s, { ...REQUEST, endpoint: fillTemplate(s.authorizeUrl, app, SAMPLES) }),
  );
}

describe("catalog – counts", () => {
  it("has at least 250 apps, 200 of them OAuth, every one with its provenance", () => {
    const apps = listApps();
    expect(apps.length).toBeGreaterThanOrEqual(250);
    const oauth = apps.filter((a) => a.authSchemes.some((s) => s.mode.startsWith("OAUTH")));
    expect(oauth.length).toBeGreaterThanOrEqual(200);
    for (const app of apps) {
      expect(app.provenance?.source, app.key).toMatch(
        /^(grant@\d+\.\d+\.\d+ config\/oauth\.json|provider docs)/,
      );
      if (app.provenance?.source.startsWith("grant@")) expect(app.provenance.license).toBe("MIT");
      else expect(app.provenance?.checkedAgainst, app.key).toMatch(/^https:\/\//);
    }
  });

  it("gives every credential (non-OAuth) app its fields and a check endpoint", () => {
    for (const app of listApps()) {
      for (const scheme of app.authSchemes.filter((s) => !s.mode.startsWith("OAUTH"))) {
        expect(scheme.fields.length, app.key).toBeGreaterThan(0);
        expect(app.check?.path, app.key).toMatch(/^\//);
      }
    }
  });
});

describe.each(oauth2Apps)("authorize URL – %s", (_key, app, s) => {
  const url = build(app, s);
  const q = url.searchParams;

  it("goes to the app's authorization endpoint with the code-flow parameters", () => {
    const endpoint = new URL(fillTemplate(s.authorizeUrl, app, SAMPLES));
    expect(url.protocol).toBe("https:");
    expect(url.origin + url.pathname).toBe(endpoint.origin + endpoint.pathname);
    expect(q.get("response_type")).toBe("code");
    expect(q.get("client_id")).toBe(REQUEST.clientId);
    expect(q.get("redirect_uri")).toBe(REQUEST.redirectUri);
    expect(q.get("state")).toBe(REQUEST.state);
  });

  it("sends the scopes under its parameter with its delimiter (or none when it has no scopes)", () => {
    const param = s.userScopeParam ?? "scope";
    if (s.noScopes) expect(q.has("scope") || q.has(param)).toBe(false);
    else expect(q.get(param)).toBe(`read:a${s.scopeSeparator}write`);
    expect([" ", ","]).toContain(s.scopeSeparator);
  });

  it("sends an S256 PKCE challenge exactly when the app uses PKCE", () => {
    expect(q.get("code_challenge")).toBe(s.pkce ? REQUEST.challenge : null);
    expect(q.get("code_challenge_method")).toBe(s.pkce ? "S256" : null);
  });

  it("carries its extra parameters and asks for the consent page", () => {
    for (const [k, v] of Object.entries(s.authorizeParams ?? {})) expect(q.get(k)).toBe(v);
    for (const [k, v] of Object.entries(s.reconsentParams ?? { prompt: "consent" })) {
      expect(q.get(k)).toBe(v);
    }
  });
});

// What each provider's documentation (the app's docsUrl) says about its authorization request.
const DOCUMENTED: Record<
  string,
  {
    endpoint: string;
    sep: " " | ",";
    pkce: boolean;
    params?: Record<string, string>;
    scopeParam?: string;
    noScopes?: boolean;
  }
> = {
  github: {
    endpoint: "https://github.com/login/oauth/authorize",
    sep: " ",
    pkce: true,
    params: { prompt: "select_account" },
  },
  gitlab: { endpoint: "https://gitlab.com/oauth/authorize", sep: " ", pkce: true },
  bitbucket: { endpoint: "https://bitbucket.org/site/oauth2/authorize", sep: " ", pkce: false },
  gmail: {
    endpoint: "https://accounts.google.com/o/oauth2/v2/auth",
    sep: " ",
    pkce: true,
    params: { access_type: "offline", prompt: "consent" },
  },
  slack: {
    endpoint: "https://slack.com/oauth/v2/authorize",
    sep: ",",
    pkce: false,
    scopeParam: "user_scope",
  },
  notion: {
    endpoint: "https://api.notion.com/v1/oauth/authorize",
    sep: " ",
    pkce: false,
    params: { owner: "user" },
    noScopes: true,
  },
  linear: { endpoint: "https://linear.app/oauth/authorize", sep: ",", pkce: true },
  jira: {
    endpoint: "https://auth.atlassian.com/authorize",
    sep: " ",
    pkce: false,
    params: { audience: "api.atlassian.com", prompt: "consent" },
  },
  dropbox: {
    endpoint: "https://www.dropbox.com/oauth2/authorize",
    sep: " ",
    pkce: true,
    params: { token_access_type: "offline" },
  },
  shopify: { endpoint: "https://acme.myshopify.com/admin/oauth/authorize", sep: ",", pkce: false },
  zendesk: { endpoint: "https://acme.zendesk.com/oauth/authorizations/new", sep: " ", pkce: true },
  outlook: {
    endpoint: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
    sep: " ",
    pkce: true,
  },
  todoist: { endpoint: "https://todoist.com/oauth/authorize", sep: ",", pkce: false },
  clickup: { endpoint: "https://app.clickup.com/api", sep: " ", pkce: false, noScopes: true },
};

describe("authorize URL – as the providers' docs say", () => {
  it.each(Object.entries(DOCUMENTED))("%s", (key, doc) => {
    const entry = oauth2Apps.find(([k]) => k === key);
    if (!entry) throw new Error(`${key} is not an OAuth 2 app`);
    const url = build(entry[1], entry[2]);
    expect(url.origin + url.pathname).toBe(doc.endpoint);
    if (doc.noScopes) expect(url.searchParams.has("scope")).toBe(false);
    else expect(url.searchParams.get(doc.scopeParam ?? "scope")).toBe(`read:a${doc.sep}write`);
    expect(url.searchParams.has("code_challenge")).toBe(doc.pkce);
    for (const [k, v] of Object.entries(doc.params ?? {})) expect(url.searchParams.get(k)).toBe(v);
  });
});

describe.each(oauth1Apps.map((a) => [a.key, a] as const))("OAuth 1.0a – %s", (_key, app) => {
  it("has https request-token, authorize and access-token endpoints", () => {
    const s = app.authSchemes.find((x) => x.oauth1)?.oauth1;
    for (const template of [s?.requestTokenUrl, s?.authorizeUrl, s?.accessTokenUrl]) {
      expect(new URL(fillTemplate(template ?? "", app, SAMPLES)).protocol).toBe("https:");
    }
  });
});
