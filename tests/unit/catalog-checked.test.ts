// Issue 15: "the 50 most-used apps are checked against their current docs (docs URL recorded)".
// The hand-checked apps carry their docs page; the grant-derived ones in scripts/catalog/checked.ts
// get theirs (and the corrected facts) from the generator, so a stale apps.json fails here.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getApp, listApps } from "@/lib/catalog";
import { builtInApps } from "@/lib/catalog/apps";
import type { AppDef } from "@/lib/catalog/types";
import { CHECKED, MOST_USED } from "@/scripts/catalog/checked";
import { COVERED_BY_HAND, KEYS } from "@/scripts/catalog/grant-meta";

const apps = listApps();
const catalogKey = (grantKey: string) => KEYS[grantKey] ?? grantKey;
const checkedAgainst = (app: AppDef | undefined) => app?.provenance?.checkedAgainst;
// A documentation page, not just a host name: https, and a path below the root.
const isDocsPage = (url: string | undefined) =>
  !!url && url.startsWith("https://") && new URL(url).pathname.length > 1;

describe("catalog – checked against the providers' current docs", () => {
  it("has at least 50 apps whose provenance names the docs page they were checked against", () => {
    const checked = apps.filter((app) => isDocsPage(checkedAgainst(app)));
    expect(checked.length).toBeGreaterThanOrEqual(50);
    for (const app of checked) expect(app.docsUrl, app.key).toBe(checkedAgainst(app));
  });

  it("lists the 50 most-used apps, each one checked", () => {
    expect(MOST_USED).toHaveLength(50);
    expect(new Set(MOST_USED).size).toBe(50);
    for (const key of MOST_USED) {
      expect(getApp(key), key).toBeDefined();
      expect(isDocsPage(checkedAgainst(getApp(key))), key).toBe(true);
    }
  });

  it("counts every hand-written app among the checked ones", () => {
    const checked = new Set(apps.filter((a) => isDocsPage(checkedAgainst(a))).map((a) => a.key));
    for (const app of builtInApps) {
      expect(checked.has(app.key), app.key).toBe(true);
      expect(getApp(app.key)?.provenance?.source, app.key).toBe("provider docs");
    }
    // The most-used list takes the hand-written apps first; the rest come from CHECKED.
    const handKeys = new Set(builtInApps.map((a) => a.key));
    const grantChecked = new Set(Object.keys(CHECKED).map(catalogKey));
    for (const key of MOST_USED) expect(handKeys.has(key) || grantChecked.has(key), key).toBe(true);
    expect(MOST_USED.filter((key) => grantChecked.has(key)).length).toBeGreaterThanOrEqual(16);
  });

  it("has a catalog app for every CHECKED entry, generated with its docs page", () => {
    expect(Object.keys(CHECKED).length).toBeGreaterThanOrEqual(16);
    for (const [grantKey, facts] of Object.entries(CHECKED)) {
      expect(COVERED_BY_HAND.has(grantKey), grantKey).toBe(false);
      const app = getApp(catalogKey(grantKey));
      expect(app, grantKey).toBeDefined();
      expect(isDocsPage(facts.docsUrl), grantKey).toBe(true);
      expect(app?.provenance?.source, grantKey).toMatch(/^grant@/);
      expect(checkedAgainst(app), grantKey).toBe(facts.docsUrl);
      expect(app?.docsUrl, grantKey).toBe(facts.docsUrl);
    }
  });

  it("carries every corrected fact into the generated app", () => {
    for (const [grantKey, facts] of Object.entries(CHECKED)) {
      const app = getApp(catalogKey(grantKey));
      const scheme = app?.authSchemes[0];
      if (facts.oauth2) expect(scheme?.mode, grantKey).toBe("OAUTH2");
      const o2 = scheme?.oauth2;
      if (!o2) continue;
      if (facts.authorizeUrl) expect(o2.authorizeUrl, grantKey).toBe(facts.authorizeUrl);
      if (facts.tokenUrl) expect(o2.tokenUrl, grantKey).toBe(facts.tokenUrl);
      if (facts.scopeSeparator) expect(o2.scopeSeparator, grantKey).toBe(facts.scopeSeparator);
      if (facts.defaultScopes) expect(o2.defaultScopes, grantKey).toEqual(facts.defaultScopes);
      if (facts.noScopes) expect([o2.noScopes, o2.defaultScopes], grantKey).toEqual([true, []]);
      if (facts.pkce !== undefined) expect(o2.pkce, grantKey).toBe(facts.pkce);
      if (facts.tokenAuthMethod) expect(o2.tokenAuthMethod, grantKey).toBe(facts.tokenAuthMethod);
      if (facts.authorizeParams)
        expect(o2.authorizeParams, grantKey).toEqual(facts.authorizeParams);
      if (facts.reconsentParams)
        expect(o2.reconsentParams, grantKey).toEqual(facts.reconsentParams);
      if (facts.profileUrl) {
        const url = new URL(facts.profileUrl);
        expect(app?.apiBaseUrl, grantKey).toBe(url.origin);
        expect(app?.identity?.path, grantKey).toBe(url.pathname + url.search);
      }
      if (facts.identityId) expect(app?.identity?.id, grantKey).toBe(facts.identityId);
      if (facts.identityLogin) expect(app?.identity?.login, grantKey).toBe(facts.identityLogin);
      if (facts.identityName) expect(app?.identity?.name, grantKey).toBe(facts.identityName);
    }
  });

  it("replaces the legacy flows grant still lists", () => {
    const o2 = (key: string) => getApp(key)?.authSchemes[0]?.oauth2;
    expect(getApp("xero")?.authSchemes.map((s) => s.mode)).toEqual(["OAUTH2"]);
    expect(o2("xero")?.tokenUrl).toBe("https://identity.xero.com/connect/token");
    expect(o2("paypal")?.authorizeUrl).toBe("https://www.paypal.com/signin/authorize");
    expect(o2("pinterest")?.tokenUrl).toBe("https://api.pinterest.com/v5/oauth/token");
    expect(o2("reddit")?.authorizeUrl).toBe("https://www.reddit.com/api/v1/authorize");
    expect(getApp("linkedin")?.identity).toMatchObject({ path: "/v2/userinfo", id: "sub" });
  });

  it("has a review row in scripts/catalog/CHECKED.md for every CHECKED app", () => {
    const table = readFileSync(path.join("scripts/catalog/CHECKED.md"), "utf8");
    for (const [grantKey, facts] of Object.entries(CHECKED)) {
      expect(table, grantKey).toContain(`\`${catalogKey(grantKey)}\``);
      expect(table, grantKey).toContain(facts.docsUrl);
    }
  });
});
