import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, it, expect } from "vitest";
import {
  generateActions,
  generateActionsWithReport,
  shortDescription,
  type OpenAPI3Document,
} from "@/lib/actions/generate";
import { actionName, assignActionNames, upperSnake, type NamingInput } from "@/lib/actions/naming";
import { GITHUB_ACTIONS_FILE, serializeActionFile } from "@/lib/actions/registry";
import type { ActionDef, JSONSchemaObject } from "@/lib/actions/types";

const root = path.resolve(import.meta.dirname, "../..");
const SPEC = path.join(root, "node_modules/@octokit/openapi/generated/api.github.com.json");

function ajv() {
  const instance = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
  addFormats(instance);
  return instance;
}

function find(actions: ActionDef[], name: string): ActionDef {
  const action = actions.find((a) => a.name === name);
  if (!action) throw new Error(`missing ${name}`);
  return action;
}

const props = (action: ActionDef) =>
  action.parameters.properties as Record<string, JSONSchemaObject>;

describe("naming", () => {
  it("upper-snake-cases the summary after the app prefix", () => {
    expect(actionName("github", "Create an issue")).toBe("GITHUB_CREATE_AN_ISSUE");
    expect(actionName("github", "Get the authenticated user")).toBe(
      "GITHUB_GET_THE_AUTHENTICATED_USER",
    );
    expect(actionName("sandbox_key", "List notes")).toBe("SANDBOX_KEY_LIST_NOTES");
    expect(upperSnake("  (Closing down) - List a user's  repos!! ")).toBe(
      "CLOSING_DOWN_LIST_A_USER_S_REPOS",
    );
  });

  const ops: NamingInput[] = [
    { summary: "List secrets", path: "/orgs/{org}/dependabot/secrets", method: "get" },
    { summary: "List secrets", path: "/orgs/{org}/actions/secrets", method: "get" },
    { summary: "List secrets", path: "/repos/{owner}/{repo}/secrets", method: "get" },
    { summary: "Compare", path: "/c/{basehead}", method: "get" },
    { summary: "Compare", path: "/c/{base}...{head}", method: "get" },
    { summary: "Same", path: "/x", method: "post", operationId: "x/create" },
    { summary: "Same", path: "/x", method: "get", operationId: "x/get" },
    { summary: "Unique", path: "/u", method: "get" },
  ];

  it("keeps the plain name for the first of colliding operations by (path, method)", () => {
    const names = assignActionNames("app", ops);
    expect(names).toEqual([
      "APP_LIST_SECRETS_FOR_DEPENDABOT",
      "APP_LIST_SECRETS",
      "APP_LIST_SECRETS_FOR_REPO",
      "APP_COMPARE",
      "APP_COMPARE_BASE_HEAD",
      "APP_SAME_X_CREATE",
      "APP_SAME",
      "APP_UNIQUE",
    ]);
    expect(new Set(names).size).toBe(names.length);
  });

  it("does not depend on the order of the operations", () => {
    const names = assignActionNames("app", ops);
    const reversed = assignActionNames("app", [...ops].reverse()).reverse();
    expect(reversed).toEqual(names);
  });
});

describe("shortDescription", () => {
  it("keeps the first paragraph and cuts long text at a word", () => {
    expect(shortDescription("First  line\ncontinues.\n\nSecond paragraph.", 500)).toBe(
      "First line continues.",
    );
    expect(shortDescription("> [!NOTE]\n> In preview.\n\nLists things.\n\nMore.", 500)).toBe(
      "Note: In preview. Lists things.",
    );
    const cut = shortDescription("word ".repeat(200), 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut.endsWith("…")).toBe(true);
  });
});

// A small document with everything the flattening has to handle.
const doc: OpenAPI3Document = {
  openapi: "3.0.3",
  servers: [{ url: "https://api.example.com" }],
  components: {
    securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Api-Key" } },
    parameters: {
      owner: { name: "owner", in: "path", required: true, schema: { type: "string" } },
    },
    schemas: {
      Label: {
        type: "object",
        "x-internal": true,
        example: { name: "bug" },
        properties: {
          name: { type: "string", nullable: true },
          parent: { $ref: "#/components/schemas/Label" },
        },
      },
      NewThing: {
        type: "object",
        required: ["title", "owner"],
        properties: {
          title: { type: "string", description: "x".repeat(1000) },
          owner: { type: "string", description: "The body's owner, clashing with the path." },
          labels: { type: "array", items: { $ref: "#/components/schemas/Label" } },
          kind: { oneOf: [{ type: "string" }, { type: "integer" }], nullable: true },
          count: { type: "integer", minimum: 0, exclusiveMinimum: true },
          when: { type: "string", format: "date-time" },
          odd: { type: "string", format: "repo.nwo", pattern: "(?<x" },
        },
      },
    },
    requestBodies: {
      NewThing: {
        required: true,
        content: { "application/json": { schema: { $ref: "#/components/schemas/NewThing" } } },
      },
    },
  },
  paths: {
    "/owners/{owner}/things": {
      parameters: [{ $ref: "#/components/parameters/owner" }],
      post: {
        summary: "Create a thing",
        description: "Creates a thing.\n\nMore detail nobody needs here.",
        operationId: "things/create",
        tags: ["things"],
        security: [{ oauth: ["things:write"] }],
        parameters: [
          { name: "dry_run", in: "query", schema: { type: "boolean" }, deprecated: true },
          { name: "X-Api-Key", in: "header", schema: { type: "string" } },
          { name: "X-Request-Id", in: "header", schema: { type: "string" } },
          { name: "session", in: "cookie", schema: { type: "string" } },
        ],
        requestBody: { $ref: "#/components/requestBodies/NewThing" },
        responses: {
          "201": {
            description: "Created",
            content: {
              "application/json": {
                schema: { type: "object", properties: { id: { type: "integer" } } },
              },
            },
          },
        },
      },
      put: {
        summary: "Replace the labels",
        deprecated: true,
        requestBody: {
          required: true,
          content: { "application/json": { schema: { type: "array", items: { type: "string" } } } },
        },
        responses: { "204": { description: "Done" } },
      },
      get: { operationId: "no-summary", responses: {} },
    },
    "/render": {
      post: {
        summary: "Render text",
        requestBody: { content: { "text/plain": { schema: { type: "string" } } } },
        responses: {},
      },
    },
  },
};

describe("generateActions", () => {
  const { actions, skipped } = generateActionsWithReport("demo", doc);

  it("makes one action per operation with a summary and reports what it skipped", () => {
    expect(actions.map((a) => a.name)).toEqual(["DEMO_CREATE_A_THING", "DEMO_REPLACE_THE_LABELS"]);
    expect(skipped).toEqual([
      expect.objectContaining({ method: "POST", path: "/render", summary: "Render text" }),
    ]);
  });

  it("flattens path, query, header and body ($ref'd) into one schema with locations", () => {
    const create = find(actions, "DEMO_CREATE_A_THING");
    expect(create).toMatchObject({
      displayName: "Create a thing",
      description: "Creates a thing.",
      app: "demo",
      method: "POST",
      path: "/owners/{owner}/things",
      contentType: "application/json",
      scopes: ["things:write"],
      tags: ["things"],
      response: { type: "object", properties: { id: { type: "integer" } } },
    });
    expect(create.locations).toEqual({
      owner: "path",
      dry_run: "query",
      "X-Request-Id": "header",
      title: "body",
      body_owner: "body",
      labels: "body",
      kind: "body",
      count: "body",
      when: "body",
      odd: "body",
    });
    expect(create.parameters.type).toBe("object");
    expect(create.parameters.additionalProperties).toBe(false);
    expect(create.parameters.required).toEqual(["owner", "title", "body_owner"]);
    // The body's `owner` clashes with the path's: renamed, and sent under its own name.
    expect(create.wireNames).toEqual({ body_owner: "owner" });
    expect(props(create).body_owner?.description).toContain("clashing");
  });

  it("turns OpenAPI-only keywords into JSON Schema and drops the noise", () => {
    const create = find(actions, "DEMO_CREATE_A_THING");
    const p = props(create);
    expect(p.dry_run).toEqual({ type: "boolean", deprecated: true });
    expect(p.kind).toEqual({ anyOf: [{ type: "string" }, { type: "integer" }, { type: "null" }] });
    expect(p.count).toEqual({ type: "integer", exclusiveMinimum: 0 });
    expect(p.when).toEqual({ type: "string", format: "date-time" });
    expect(p.odd).toEqual({ type: "string" }); // unknown format, invalid pattern
    expect(p.title?.description?.length).toBeLessThanOrEqual(300);
    // The self-referencing schema is cut by the cycle guard.
    const label = (p.labels?.items ?? {}) as JSONSchemaObject;
    expect(label).toEqual({
      type: "object",
      properties: { name: { type: ["string", "null"] }, parent: { type: "object" } },
    });
    const text = JSON.stringify(create);
    expect(text).not.toMatch(/"x-|"example/);
    expect(create.locations).not.toHaveProperty("X-Api-Key"); // credential header
    expect(create.locations).not.toHaveProperty("session"); // cookie
  });

  it("puts a non-object body under bodyKey and marks deprecation", () => {
    const replace = find(actions, "DEMO_REPLACE_THE_LABELS");
    expect(replace.bodyKey).toBe("body");
    expect(replace.deprecated).toBe(true);
    expect(replace.locations).toEqual({ owner: "path", body: "body" });
    expect(replace.parameters.required).toEqual(["owner", "body"]);
    expect(props(replace).body).toEqual({ type: "array", items: { type: "string" } });
  });

  it("gives schemas that ajv compiles and that check arguments", () => {
    const validate = ajv().compile(find(actions, "DEMO_CREATE_A_THING").parameters);
    expect(validate({ owner: "o", title: "t", body_owner: "b", kind: null, count: 1 })).toBe(true);
    expect(validate({ owner: "o", title: "t", body_owner: "b", count: 0 })).toBe(false);
    expect(validate({ owner: "o", title: "t", body_owner: "b", unknown: 1 })).toBe(false);
    expect(validate({ owner: "o" })).toBe(false);
  });
});

describe("GitHub generation", () => {
  const spec = JSON.parse(readFileSync(SPEC, "utf8")) as OpenAPI3Document;
  const first = generateActions("github", spec);

  it("names every operation uniquely, and identically on every run", () => {
    const second = generateActions("github", structuredClone(spec));
    const names = first.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    expect(second.map((a) => a.name)).toEqual(names);
    expect(second.map((a) => `${a.method} ${a.path}`)).toEqual(
      first.map((a) => `${a.method} ${a.path}`),
    );
    expect(first.length).toBeGreaterThanOrEqual(1100);
  });

  it("matches the committed lib/actions/generated/github.json (regenerate if this fails)", () => {
    const committed = readFileSync(path.join(root, GITHUB_ACTIONS_FILE), "utf8");
    const pkg = JSON.parse(
      readFileSync(path.join(root, "node_modules/@octokit/openapi/package.json"), "utf8"),
    ) as { version: string };
    expect(committed === serializeActionFile(`@octokit/openapi@${pkg.version}`, first)).toBe(true);
  });
});
