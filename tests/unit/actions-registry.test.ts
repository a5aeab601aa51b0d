import { describe, it, expect } from "vitest";
import { getApp } from "@/lib/catalog";
import { generateActions, type OpenAPI3Document } from "@/lib/actions/generate";
import { handActions } from "@/lib/actions/hand";
import { appPrefix } from "@/lib/actions/naming";
import {
  actionCount,
  appsWithActions,
  compiledValidator,
  getAction,
  getAppActions,
  listActions,
} from "@/lib/actions/registry";
import type { ActionDef } from "@/lib/actions/types";
import { openApiDocument } from "@/lib/sandbox/openapi";

const ORIGIN = "http://127.0.0.1:4010";
const opts = { sandboxOrigin: ORIGIN };
const HAND_APPS = [
  "gmail",
  "googlecalendar",
  "hubspot",
  "jira",
  "linear",
  "notion",
  "slack",
  "stripe",
];

async function action(name: string): Promise<ActionDef> {
  const found = await getAction(name, opts);
  if (!found) throw new Error(`missing ${name}`);
  return found;
}

/** Structural rules every action follows, whatever its source. */
function checkShape(a: ActionDef): void {
  const where = `${a.name}`;
  expect(a.name.startsWith(appPrefix(a.app)), where).toBe(true);
  expect(a.name, where).toMatch(/^[A-Z0-9]+(_[A-Z0-9]+)*$/);
  expect(a.path.startsWith("/"), where).toBe(true);
  expect(a.parameters.type, where).toBe("object");
  expect(a.parameters.additionalProperties, where).toBe(false);
  const properties = Object.keys(a.parameters.properties ?? {});
  expect(Object.keys(a.locations).sort(), where).toEqual([...properties].sort());
  for (const name of a.parameters.required ?? []) expect(properties, where).toContain(name);
  const templated = [...a.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const inPath = Object.entries(a.locations)
    .filter(([, where]) => where === "path")
    .map(([name]) => a.wireNames?.[name] ?? name);
  expect([...inPath].sort(), where).toEqual([...templated].sort());
  for (const name of inPath) expect(a.parameters.required, where).toContain(name);
  if (a.bodyKey) expect(a.locations[a.bodyKey], where).toBe("body");
}

describe("GitHub actions", () => {
  it("loads at least 1,100 actions, each well-formed, with unique names", async () => {
    const actions = await getAppActions("github");
    expect(actions.length).toBeGreaterThanOrEqual(1100);
    expect(new Set(actions.map((a) => a.name)).size).toBe(actions.length);
    for (const a of actions) checkShape(a);
  });

  it("has the well-known actions under their plain names", async () => {
    const expected: Record<string, [string, string]> = {
      GITHUB_CREATE_AN_ISSUE: ["POST", "/repos/{owner}/{repo}/issues"],
      GITHUB_GET_THE_AUTHENTICATED_USER: ["GET", "/user"],
      GITHUB_LIST_REPOSITORIES_FOR_THE_AUTHENTICATED_USER: ["GET", "/user/repos"],
      GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER: ["PUT", "/user/starred/{owner}/{repo}"],
    };
    for (const [name, [method, path]] of Object.entries(expected)) {
      const a = await action(name);
      expect({ method: a.method, path: a.path, app: a.app }).toEqual({
        method,
        path,
        app: "github",
      });
    }
    const issue = await action("GITHUB_CREATE_AN_ISSUE");
    expect(issue.parameters.required).toEqual(["owner", "repo", "title"]);
    expect(issue.locations).toMatchObject({ owner: "path", repo: "path", title: "body" });
    expect(issue.contentType).toBe("application/json");
    const validate = compiledValidator(issue);
    expect(validate({ owner: "octo", repo: "hello", title: "Bug", labels: ["bug"] })).toBe(true);
    expect(validate({ owner: "octo", repo: "hello" })).toBe(false);
    expect(validate({ owner: "octo", repo: "hello", title: "x", nope: 1 })).toBe(false);
  });

  it("suffixes colliding names deterministically", async () => {
    const names = new Set((await getAppActions("github")).map((a) => a.name));
    expect(names).toContain("GITHUB_LIST_ORGANIZATION_SECRETS");
    expect(names).toContain("GITHUB_LIST_ORGANIZATION_SECRETS_FOR_DEPENDABOT");
    expect(names).toContain("GITHUB_LIST_ATTESTATIONS_FOR_REPO");
    expect((await action("GITHUB_LIST_ORGANIZATION_SECRETS")).path).toBe(
      "/orgs/{org}/actions/secrets",
    );
  });

  // About 1–4 s on 2 cores; more while the machine is busy.
  it("compiles every action's schema with ajv", { timeout: 120_000 }, async () => {
    const actions = await getAppActions("github");
    const failures: string[] = [];
    for (const a of actions) {
      try {
        compiledValidator(a);
      } catch (err) {
        failures.push(`${a.name}: ${(err as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(compiledValidator(actions[0]!)).toBe(compiledValidator(actions[0]!)); // cached
  });

  it("shares one frozen copy of each action", async () => {
    const a = await action("GITHUB_CREATE_AN_ISSUE");
    expect(Object.isFrozen(a) && Object.isFrozen(a.parameters)).toBe(true);
    expect(await getAction("GITHUB_CREATE_AN_ISSUE")).toBe(a);
  });
});

describe("sandbox actions", () => {
  it("are generated from the sandbox's own OpenAPI document, for both sandbox apps", async () => {
    for (const [app, prefix] of [
      ["sandbox", "SANDBOX_"],
      ["sandbox_key", "SANDBOX_KEY_"],
    ] as const) {
      const names = (await getAppActions(app, opts)).map((a) => a.name);
      expect(names).toEqual(
        ["CREATE_A_NOTE", "DELETE_A_NOTE", "GET_THE_AUTHENTICATED_USER", "LIST_NOTES"].map(
          (n) => prefix + n,
        ),
      );
    }
    const doc = openApiDocument(ORIGIN) as unknown as OpenAPI3Document;
    expect(await getAppActions("sandbox", opts)).toEqual(generateActions("sandbox", doc));
  });

  it("have the document's methods, paths and parameters", async () => {
    const create = await action("SANDBOX_CREATE_A_NOTE");
    expect(create).toMatchObject({ method: "POST", path: "/api/notes", app: "sandbox" });
    expect(create.locations).toEqual({ title: "body", body: "body" });
    expect(create.parameters.required).toEqual(["title"]);
    expect(compiledValidator(create)({ title: "" })).toBe(false); // minLength 1
    expect(compiledValidator(create)({ title: "Hi", body: "text" })).toBe(true);
    const list = await action("SANDBOX_KEY_LIST_NOTES");
    expect(list).toMatchObject({ method: "GET", path: "/api/notes", app: "sandbox_key" });
    expect(list.locations).toEqual({ limit: "query" });
    expect(compiledValidator(list)({ limit: 101 })).toBe(false);
    const del = await action("SANDBOX_DELETE_A_NOTE");
    expect(del).toMatchObject({ method: "DELETE", path: "/api/notes/{id}" });
    expect(del.parameters.required).toEqual(["id"]);
    expect((await action("SANDBOX_GET_THE_AUTHENTICATED_USER")).path).toBe("/api/me");
  });

  it("resolve by the longest app prefix", async () => {
    expect((await getAction("SANDBOX_KEY_LIST_NOTES", opts))?.app).toBe("sandbox_key");
    expect((await getAction("SANDBOX_LIST_NOTES", opts))?.app).toBe("sandbox");
    expect(await getAction("SANDBOX_KEY_NOPE", opts)).toBeUndefined();
    expect(await getAction("NOPE_LIST_NOTES", opts)).toBeUndefined();
  });

  it("exist only when a sandbox origin is given, like the sandbox apps", async () => {
    expect(await getAction("SANDBOX_LIST_NOTES")).toBeUndefined();
    expect(await getAppActions("sandbox")).toEqual([]);
    expect(appsWithActions()).not.toContain("sandbox");
    expect(appsWithActions(opts)).toEqual(
      expect.arrayContaining(["github", "sandbox", "sandbox_key", ...HAND_APPS]),
    );
  });
});

describe("hand-declared actions", () => {
  it("cover the eight apps with at least three well-formed actions each", async () => {
    expect(Object.keys(handActions).sort()).toEqual(HAND_APPS);
    for (const app of HAND_APPS) {
      expect(getApp(app), app).toBeDefined(); // a catalog app, so paths are relative to its apiBaseUrl
      const actions = await getAppActions(app);
      expect(actions.length, app).toBeGreaterThanOrEqual(3);
      for (const a of actions) {
        checkShape(a);
        expect(a.app).toBe(app);
        expect(a.description.length, a.name).toBeGreaterThan(0);
        expect(() => compiledValidator(a), a.name).not.toThrow();
      }
    }
  });

  it("include the actions the product promises", async () => {
    const names = [
      "SLACK_SEND_A_MESSAGE",
      "SLACK_LIST_CONVERSATIONS",
      "SLACK_GET_USER_INFO",
      "GMAIL_SEND_AN_EMAIL",
      "GMAIL_LIST_MESSAGES",
      "GMAIL_GET_A_MESSAGE",
      "GOOGLECALENDAR_LIST_EVENTS",
      "GOOGLECALENDAR_CREATE_AN_EVENT",
      "GOOGLECALENDAR_LIST_CALENDARS",
      "NOTION_SEARCH",
      "NOTION_CREATE_A_PAGE",
      "NOTION_RETRIEVE_A_PAGE",
      "LINEAR_LIST_ISSUES",
      "LINEAR_CREATE_AN_ISSUE",
      "LINEAR_GET_THE_VIEWER",
      "JIRA_SEARCH_ISSUES_USING_JQL",
      "JIRA_CREATE_AN_ISSUE",
      "JIRA_GET_AN_ISSUE",
      "HUBSPOT_CREATE_A_CONTACT",
      "HUBSPOT_LIST_CONTACTS",
      "HUBSPOT_GET_A_CONTACT",
      "STRIPE_LIST_CUSTOMERS",
      "STRIPE_CREATE_A_CUSTOMER",
      "STRIPE_RETRIEVE_BALANCE",
    ];
    for (const name of names) expect((await getAction(name))?.name, name).toBe(name);
  });

  it("declare the request details each API expects", async () => {
    const post = await action("SLACK_SEND_A_MESSAGE");
    expect(post).toMatchObject({ method: "POST", path: "/chat.postMessage" });
    expect(compiledValidator(post)({ channel: "C0123", text: "Hello" })).toBe(true);
    expect(compiledValidator(post)({ text: "Hello" })).toBe(false);

    const send = await action("GMAIL_SEND_AN_EMAIL");
    expect(send).toMatchObject({ method: "POST", path: "/users/me/messages/send" });
    const raw = Buffer.from("To: a@example.com\r\nSubject: Hi\r\n\r\nHello").toString("base64url");
    expect(compiledValidator(send)({ raw })).toBe(true);
    expect(compiledValidator(send)({ raw: "not base64!" })).toBe(false);

    const customer = await action("STRIPE_CREATE_A_CUSTOMER");
    expect(customer.contentType).toBe("application/x-www-form-urlencoded");
    expect((await action("STRIPE_RETRIEVE_BALANCE")).path).toBe("/v1/balance");

    for (const name of ["LINEAR_LIST_ISSUES", "LINEAR_CREATE_AN_ISSUE", "LINEAR_GET_THE_VIEWER"]) {
      const a = await action(name);
      expect(a).toMatchObject({ method: "POST", path: "/graphql" });
      expect(a.graphql?.query).toMatch(/^(query|mutation) /);
      // Every parameter is a variable the query declares, and vice versa.
      const declared = [...(a.graphql?.query ?? "").matchAll(/\$(\w+):/g)].map((m) => m[1]);
      expect(Object.keys(a.locations).sort()).toEqual([...declared].sort());
    }

    const jira = await action("JIRA_GET_AN_ISSUE");
    expect(jira.path).toBe("/ex/jira/{cloudid}/rest/api/3/issue/{issueIdOrKey}");
    expect(jira.parameters.required).toEqual(["cloudid", "issueIdOrKey"]);
  });
});

describe("listActions", () => {
  it("pages through every action in name order with a stable cursor", async () => {
    const all: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await listActions({ limit: 200, cursor }, opts);
      all.push(...page.items.map((a) => a.name));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const expected = (
      await Promise.all(appsWithActions(opts).map((app) => getAppActions(app, opts)))
    )
      .flat()
      .map((a) => a.name)
      .sort();
    expect(all).toEqual(expected);
  });

  it("filters by app, name, tag and search words", async () => {
    const slack = await listActions({ apps: ["slack"], limit: 1000 });
    expect(slack.items.every((a) => a.app === "slack")).toBe(true);
    expect(slack.nextCursor).toBeNull();

    const named = await listActions(
      { names: ["SANDBOX_KEY_LIST_NOTES", "GITHUB_CREATE_AN_ISSUE", "NOPE"] },
      opts,
    );
    expect(named.items.map((a) => a.name)).toEqual([
      "GITHUB_CREATE_AN_ISSUE",
      "SANDBOX_KEY_LIST_NOTES",
    ]);

    const tagged = await listActions({ apps: ["hubspot"], tags: ["Contacts"] });
    expect(tagged.items).toHaveLength(3);

    const found = await listActions({ apps: ["github"], search: "star repository authenticated" });
    expect(found.items.map((a) => a.name)).toContain(
      "GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER",
    );

    const first = await listActions({ apps: ["github"], limit: 2 });
    expect(first.items).toHaveLength(2);
    const next = await listActions({ apps: ["github"], limit: 2, cursor: first.nextCursor! });
    expect(next.items[0]!.name > first.items[1]!.name).toBe(true);

    expect((await listActions({ apps: ["nope"] })).items).toEqual([]);
  });

  it("reports the number of matching actions on every page, and where the page starts", async () => {
    const github = await getAppActions("github");
    const first = await listActions({ apps: ["github"], limit: 1 });
    expect(first.total).toBe(github.length);
    expect(first).toMatchObject({ offset: 0, limit: 1 });
    const second = await listActions({ apps: ["github"], limit: 1, cursor: first.nextCursor! });
    expect(second).toMatchObject({ total: github.length, offset: 1, limit: 1 });

    const searched = await listActions({ apps: ["github"], search: "issue", limit: 3 });
    // The rule: "issue" begins a word of the action's text ("issues" counts, "reissue" does not).
    const expected = github.filter((a) =>
      [a.name, a.displayName, a.app, a.description, ...a.tags]
        .join(" ")
        .toLowerCase()
        .split(/[\s\p{P}]+/u)
        .some((word) => word.startsWith("issue")),
    ).length;
    expect(searched.total).toBe(expected);
    expect(searched.total).toBeGreaterThan(3);
  });

  it("counts each app's actions", async () => {
    expect(await actionCount("github")).toBe((await getAppActions("github")).length);
    expect(await actionCount("sandbox", opts)).toBe(4);
    expect(await actionCount("sandbox")).toBe(0);
    expect(await actionCount("salesforce")).toBe(0);
  });
});
