import { describe, it, expect } from "vitest";
import {
  MODEL_NAME_PATTERN,
  actionByModelName,
  fullActionName,
  modelSchema,
  modelSchemaProblems,
  modelToolName,
} from "@/lib/actions/model-name";
import { outputSchema } from "@/lib/actions/output";
import { appsWithActions, getAppActions } from "@/lib/actions/registry";
import type { ActionDef } from "@/lib/actions/types";

const opts = { sandboxOrigin: "http://127.0.0.1:4010" };

async function everyAction(): Promise<ActionDef[]> {
  const lists = await Promise.all(appsWithActions(opts).map((app) => getAppActions(app, opts)));
  return lists.flat();
}

describe("model-facing tool names", () => {
  it("keeps a name that already fits", () => {
    expect(modelToolName("GITHUB_CREATE_AN_ISSUE")).toBe("GITHUB_CREATE_AN_ISSUE");
    expect(modelToolName("a-b_C9")).toBe("a-b_C9");
  });

  it("shortens a long name to a readable prefix and a hash of the full name", () => {
    const long = `GITHUB_${"X".repeat(80)}`;
    const short = modelToolName(long);
    expect(short).toMatch(MODEL_NAME_PATTERN);
    expect(short).toHaveLength(64);
    expect(short.startsWith("GITHUB_XXXX")).toBe(true);
    expect(modelToolName(`${long}Y`)).not.toBe(short);
    expect(modelToolName(long)).toBe(short);
  });

  it("gives every action in the catalog a valid, unique name and a schema model APIs accept", async () => {
    const actions = await everyAction();
    expect(actions.length).toBeGreaterThan(1000);
    const names = new Map<string, string>();
    let shortened = 0;
    for (const action of actions) {
      const name = modelToolName(action.name);
      expect(name, action.name).toMatch(MODEL_NAME_PATTERN);
      expect(names.get(name), `${action.name} and ${names.get(name)}`).toBeUndefined();
      names.set(name, action.name);
      // 153 of GitHub's slugs are longer than 64 characters (other apps' generated slugs add more).
      if (name !== action.name && action.app === "github") shortened++;
      expect(modelSchemaProblems(action.parameters), action.name).toEqual([]);
      expect(modelSchemaProblems(modelSchema(outputSchema(action.response))), action.name).toEqual(
        [],
      );
    }
    expect(shortened).toBe(153);
  });

  it("resolves both the full and the short name to the same action", async () => {
    const long = (await getAppActions("github")).find((a) => a.name.length > 64);
    if (!long) throw new Error("GitHub has no long action name");
    const short = modelToolName(long.name);
    expect((await actionByModelName(short))?.name).toBe(long.name);
    expect((await actionByModelName(long.name))?.name).toBe(long.name);
    expect(await fullActionName(short)).toBe(long.name);
    expect(await actionByModelName(`${short.slice(0, 56)}00000000`)).toBeUndefined();
  });

  it("makes a refused schema acceptable by loosening it", () => {
    const fixed = modelSchema({
      type: "object",
      anyOf: [{ required: ["a"] }],
      required: ["b", "b"],
    });
    expect(fixed).toEqual({ type: "object", required: ["b"] });
    const fine = { type: "object", properties: {} };
    expect(modelSchema(fine)).toBe(fine);
  });

  it("names what a model API would refuse", () => {
    expect(modelSchemaProblems({ type: "array" })).toContain("the root is not an object");
    expect(modelSchemaProblems({ type: "object", anyOf: [] })).toContain("top-level anyOf");
    expect(modelSchemaProblems({ type: "object", required: ["a", "a"] })).toContain(
      "required repeats a name",
    );
  });
});
