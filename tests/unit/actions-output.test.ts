// Every tool's answer schema has an object at its root, and describes what execute answers.
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { outputSchema } from "@/lib/actions/output";
import { appsWithActions, getAppActions } from "@/lib/actions/registry";
import { toData } from "@/lib/core/request-build";
import type { EgressResponse } from "@/lib/egress";

const opts = { sandboxOrigin: "http://127.0.0.1:4010" };

/** An upstream answer as the egress layer hands it over. */
function answer(body: string): EgressResponse {
  return {
    status: 200,
    headers: { "content-type": "application/json" },
    body: Buffer.from(body),
    url: "https://api.example.com/x",
    text: () => body,
    json: <T>() => {
      try {
        return JSON.parse(body) as T;
      } catch {
        return undefined;
      }
    },
  };
}

describe("outputSchema", () => {
  it("gives every action of every app an object-rooted schema", async () => {
    let count = 0;
    for (const app of appsWithActions(opts)) {
      for (const action of await getAppActions(app, opts)) {
        const schema = outputSchema(action.response);
        expect(schema.type, action.name).toBe("object");
        count++;
      }
    }
    expect(count).toBeGreaterThan(1200);
  });

  it("describes the shape execute answers in, for lists, scalars, objects and no content", () => {
    const ajv = new Ajv({ strict: false });
    const cases: Array<[Parameters<typeof outputSchema>[0], string]> = [
      [{ type: "array", items: { type: "object" } }, '[{"id":1}]'],
      [{ type: "string" }, '"ok"'],
      [{ type: "integer" }, "42"],
      [{ type: ["object", "null"], properties: { id: { type: "integer" } } }, '{"id":1}'],
      [{ type: "object", properties: { id: { type: "integer" } }, required: ["id"] }, '{"id":7}'],
      [{ anyOf: [{ type: "object" }, { type: "array" }] }, "[1,2]"],
      [undefined, ""],
    ];
    for (const [response, body] of cases) {
      const schema = outputSchema(response);
      expect(schema.type).toBe("object");
      const data = toData(answer(body));
      expect(ajv.validate(schema, data), `${JSON.stringify(response)} ← ${body}`).toBe(true);
    }
  });
});
