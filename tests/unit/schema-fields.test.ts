// The playground's generated form: JSON Schema → fields, typed values → arguments.
import { describe, expect, it } from "vitest";
import {
  errorSummary,
  fieldsOf,
  initialValues,
  toArguments,
  type FieldDescriptor,
} from "@/app/(dashboard)/actions/_lib/schema-fields";
import { getAppActions } from "@/lib/actions/registry";

const schema = {
  type: "object",
  properties: {
    state: { type: "string", enum: ["open", "closed"], default: "open" },
    title: { type: "string", description: "The note's title.", minLength: 1 },
    body: { type: "string", maxLength: 10000 },
    per_page: { type: "integer", minimum: 1, maximum: 100, default: 30 },
    ratio: { type: "number" },
    draft: { type: "boolean" },
    notify: { type: "boolean", default: true },
    labels: { type: "array", items: { type: "string" } },
    meta: { type: "object" },
    either: { anyOf: [{ type: "object" }, { type: "integer" }] },
    textOrNumber: { anyOf: [{ type: "string" }, { type: "integer" }, { type: "null" }] },
    amount: { type: ["integer", "number"] },
    maybe: { anyOf: [{ type: "integer" }, { type: "null" }], description: "Or null." },
    nullableText: { type: ["string", "null"] },
    anything: {},
  },
  required: ["title", "draft"],
  additionalProperties: false,
};

const byName = (fields: FieldDescriptor[]) => new Map(fields.map((f) => [f.name, f]));

describe("fieldsOf", () => {
  const fields = fieldsOf(schema);
  const f = byName(fields);

  it("puts required parameters first, each group in schema order", () => {
    expect(fields.map((x) => x.name)).toEqual([
      "title",
      "draft",
      "state",
      "body",
      "per_page",
      "ratio",
      "notify",
      "labels",
      "meta",
      "either",
      "textOrNumber",
      "amount",
      "maybe",
      "nullableText",
      "anything",
    ]);
    expect(f.get("title")?.required).toBe(true);
    expect(f.get("body")?.required).toBe(false);
  });

  it("maps each JSON Schema type to a control", () => {
    expect(f.get("title")).toMatchObject({ kind: "string", description: "The note's title." });
    expect(f.get("state")).toMatchObject({ kind: "enum", options: ["open", "closed"] });
    expect(f.get("per_page")).toMatchObject({ kind: "integer", minimum: 1, maximum: 100 });
    expect(f.get("ratio")?.kind).toBe("number");
    expect(f.get("draft")?.kind).toBe("boolean");
    expect(f.get("labels")).toMatchObject({ kind: "json", jsonType: "array" });
    expect(f.get("meta")).toMatchObject({ kind: "json", jsonType: "object" });
    expect(f.get("either")?.kind).toBe("json");
    expect(f.get("textOrNumber")?.kind).toBe("string"); // any text is valid
    expect(f.get("amount")?.kind).toBe("number");
    expect(f.get("anything")?.kind).toBe("json");
  });

  it("treats a schema that may also be null as the schema itself", () => {
    expect(f.get("maybe")).toMatchObject({ kind: "integer", description: "Or null." });
    expect(f.get("nullableText")?.kind).toBe("string");
  });

  it("uses a textarea for long text", () => {
    expect(f.get("body")?.multiline).toBe(true);
    expect(f.get("title")?.multiline).toBe(false);
  });

  it("gives no fields for an action without parameters", () => {
    expect(fieldsOf({ type: "object", properties: {} })).toEqual([]);
    expect(fieldsOf(true)).toEqual([]);
  });

  it("reads GitHub's Create an issue: a text title, JSON labels, owner and repo first", async () => {
    const actions = await getAppActions("github");
    const issue = actions.find((a) => a.name === "GITHUB_CREATE_AN_ISSUE");
    const g = byName(fieldsOf(issue!.parameters));
    expect(
      fieldsOf(issue!.parameters)
        .slice(0, 3)
        .map((x) => x.name),
    ).toEqual(["owner", "repo", "title"]);
    expect(g.get("title")).toMatchObject({ kind: "string", required: true });
    expect(g.get("body")).toMatchObject({ kind: "string", multiline: true });
    expect(g.get("labels")).toMatchObject({ kind: "json", jsonType: "array" });
  });

  it("reads the sandbox's Create a note as a required title and an optional body", async () => {
    const actions = await getAppActions("sandbox_key", { sandboxOrigin: "http://127.0.0.1:1" });
    const create = actions.find((a) => a.name === "SANDBOX_KEY_CREATE_A_NOTE");
    expect(create).toBeDefined();
    expect(fieldsOf(create!.parameters).map((x) => [x.name, x.kind, x.required])).toEqual([
      ["title", "string", true],
      ["body", "string", false],
    ]);
  });
});

describe("initialValues", () => {
  it("starts empty except for checkboxes and required parameters with a default", () => {
    const v = initialValues(fieldsOf(schema));
    expect(v).toMatchObject({
      title: "",
      state: "",
      per_page: "",
      draft: false,
      notify: true,
      labels: "",
    });
    const required = fieldsOf({
      type: "object",
      properties: {
        state: { enum: ["open", "closed"], default: "closed" },
        n: { type: "integer", default: 5 },
        tags: { type: "array", default: ["a"] },
      },
      required: ["state", "n", "tags"],
    });
    expect(initialValues(required)).toEqual({ state: "1", n: "5", tags: '[\n  "a"\n]' });
  });
});

describe("toArguments", () => {
  const fields = fieldsOf(schema);
  const base = { ...initialValues(fields), title: "Hello", draft: false };

  it("coerces each value to its parameter's type and leaves empty optional ones out", () => {
    const r = toArguments(fields, {
      ...base,
      state: "1",
      per_page: " 50 ",
      ratio: "0.5",
      labels: '["bug", "ui"]',
      meta: '{"a": 1}',
      either: "7",
      maybe: "3",
    });
    expect(r).toEqual({
      ok: true,
      arguments: {
        title: "Hello",
        draft: false,
        state: "closed",
        per_page: 50,
        ratio: 0.5,
        labels: ["bug", "ui"],
        meta: { a: 1 },
        either: 7,
        maybe: 3,
      },
    });
  });

  it("sends only what was typed (and required checkboxes)", () => {
    const r = toArguments(fields, base);
    expect(r.ok && r.arguments).toEqual({ title: "Hello", draft: false });
  });

  it("sends an optional checkbox only when it differs from its default", () => {
    const off = toArguments(fields, { ...base, notify: false });
    expect(off.ok && off.arguments.notify).toBe(false);
    const on = toArguments(fields, { ...base, notify: true });
    expect(on.ok && "notify" in on.arguments).toBe(false);
  });

  it("keeps a string's spaces but treats an empty required string as missing", () => {
    const spaced = toArguments(fields, { ...base, title: "  padded  " });
    expect(spaced.ok && spaced.arguments.title).toBe("  padded  ");
    const r = toArguments(fields, { ...base, title: "" });
    expect(r).toEqual({ ok: false, errors: { title: "is required" } });
    expect(errorSummary(r.ok ? {} : r.errors)).toBe("title: is required");
  });

  it("names every wrong value", () => {
    const r = toArguments(fields, {
      ...base,
      title: "",
      per_page: "2.5",
      ratio: "abc",
      labels: '{"not": "an array"}',
      meta: "[1]",
      either: "{oops",
      state: "9",
    });
    expect(r).toEqual({
      ok: false,
      errors: {
        title: "is required",
        per_page: "must be an integer",
        ratio: "must be a number",
        labels: "must be a JSON array",
        meta: "must be a JSON object",
        either: "must be valid JSON",
        state: "must be one of the listed values",
      },
    });
  });

  it("checks numeric bounds in the server's words", () => {
    const low = toArguments(fields, { ...base, per_page: "0" });
    expect(low.ok ? null : low.errors.per_page).toBe("must be >= 1");
    const high = toArguments(fields, { ...base, per_page: "101" });
    expect(high.ok ? null : high.errors.per_page).toBe("must be <= 100");
  });

  it("keeps non-string enum values' types", () => {
    const f = fieldsOf({ type: "object", properties: { n: { enum: [1, 2, null] } } });
    const r = toArguments(f, { n: "2" });
    expect(r).toEqual({ ok: true, arguments: { n: null } });
  });
});
