// What a tool's answer looks like, as a schema with an object at the root. Model APIs and the
// Composio SDK (its `outputParameters.type` must be "object") refuse anything else. The answer
// itself is shaped by `toData` (lib/core/request-build.ts): a JSON object as it is, a list as
// `{ items }`, any other value as `{ value }`, text as `{ text }`, no content as `{}`. This file
// describes exactly that shape for each action's documented response.
import type { JSONSchemaObject } from "./types";

const SCALARS = ["string", "number", "integer", "boolean"];

const NO_CONTENT: JSONSchemaObject = {
  type: "object",
  properties: {},
  description: "The provider answers with no content.",
};

const ANY_ANSWER: JSONSchemaObject = {
  type: "object",
  description:
    "The provider's answer: a JSON object as it is, a list under `items`, any other value under `value`.",
  properties: { items: { type: "array" }, value: {} },
};

const wrap = (key: "items" | "value", schema: JSONSchemaObject): JSONSchemaObject => ({
  type: "object",
  properties: { [key]: schema },
  required: [key],
});

/** The object-rooted schema of an action's answer, from its documented response schema. */
export function outputSchema(response: JSONSchemaObject | undefined): JSONSchemaObject {
  if (!response) return NO_CONTENT;
  const types = (Array.isArray(response.type) ? response.type : [response.type]).filter(
    (t) => t !== "null",
  );
  if (types.length !== 1) return ANY_ANSWER;
  const [type] = types;
  if (type === "object") {
    // A documented object whose properties are not listed (or were trimmed) still says what it is.
    const open =
      Object.keys(response.properties ?? {}).length === 0 &&
      response.additionalProperties === undefined;
    return open
      ? {
          description: "The provider's answer, a JSON object.",
          ...response,
          type: "object",
          additionalProperties: true,
        }
      : { ...response, type: "object" };
  }
  if (type === "array") return wrap("items", response);
  if (SCALARS.includes(type!)) return wrap("value", response);
  return ANY_ANSWER;
}
