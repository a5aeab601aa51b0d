// An action's parameters (JSON Schema) → form fields, and what was typed → typed arguments.
// Pure, so the playground form and its unit tests share it; the server still validates (ajv).
import type { JSONSchema, JSONSchemaObject } from "@/lib/actions/types";

export type FieldKind = "string" | "integer" | "number" | "boolean" | "enum" | "json";

export interface FieldDescriptor {
  name: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  /** enum: the allowed values; the form's value is an option's index. */
  options?: Array<string | number | boolean | null>;
  /** json: the JSON type the value must have, when the schema says. */
  jsonType?: "array" | "object";
  /** string: long text (a textarea). */
  multiline?: boolean;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  format?: string;
}

/** What the form holds per field: text (or an option index) for most kinds, a flag for booleans. */
export type FormValues = Record<string, string | boolean>;

export type ArgumentsResult =
  { ok: true; arguments: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

type Scalar = string | number | boolean | null;
const isScalar = (v: unknown): v is Scalar =>
  v === null || ["string", "number", "boolean"].includes(typeof v);

const LONG_TEXT = /(^|_)(body|description|content|text|message|markdown|notes?)$/;

/** `anyOf`/`oneOf` of one schema and `{type: "null"}` is that schema. */
function unwrapNullable(s: JSONSchemaObject): JSONSchemaObject {
  const alternatives = s.anyOf ?? s.oneOf;
  if (!alternatives) return s;
  const rest = alternatives.filter(
    (a) => !(typeof a === "object" && (a.type === "null" || a.enum?.every((v) => v === null))),
  );
  const only = rest[0];
  if (rest.length !== 1 || typeof only !== "object") return s;
  return { ...only, description: s.description ?? only.description };
}

const SCALARS = new Set(["string", "integer", "number", "boolean"]);

/** The non-null types a schema allows, when it is only a choice of plain types; else null. */
function plainTypes(s: JSONSchemaObject): string[] | null {
  if (s.allOf) return null;
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) {
    const types = alternatives.map((a) =>
      typeof a === "object" && typeof a.type === "string" && !a.enum && !a.properties && !a.items
        ? a.type
        : null,
    );
    return types.every((t) => t !== null) ? [...new Set(types.filter((t) => t !== "null"))] : null;
  }
  return (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []).filter((t) => t !== "null");
}

function kindOf(s: JSONSchemaObject): Pick<FieldDescriptor, "kind" | "options" | "jsonType"> {
  const values = s.enum ?? ("const" in s ? [s.const] : undefined);
  if (values?.length && values.every(isScalar)) return { kind: "enum", options: values };
  const types = plainTypes(s);
  if (!types) return { kind: "json" };
  // A choice of plain types that includes text (GitHub's `title`: string or integer) is typed as
  // text: any text is valid. Integer or number is a number.
  if (types.length > 1 && types.every((t) => SCALARS.has(t))) {
    if (types.includes("string")) return { kind: "string" };
    if (types.every((t) => t === "integer" || t === "number")) return { kind: "number" };
    return { kind: "json" };
  }
  const [type] = types;
  if (types.length !== 1 || !type) return { kind: "json" };
  if (type === "string" || type === "integer" || type === "number" || type === "boolean") {
    return { kind: type };
  }
  if (type === "array" || type === "object") return { kind: "json", jsonType: type };
  return { kind: "json" };
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** One descriptor per top-level parameter: required ones first, each group in schema order. */
export function fieldsOf(parameters: JSONSchema): FieldDescriptor[] {
  if (typeof parameters !== "object" || !parameters.properties) return [];
  const required = new Set(parameters.required ?? []);
  const fields = Object.entries(parameters.properties).map(([name, raw]): FieldDescriptor => {
    const s = typeof raw === "object" ? unwrapNullable(raw) : {};
    const field: FieldDescriptor = { name, required: required.has(name), ...kindOf(s) };
    if (typeof s.description === "string" && s.description) field.description = s.description;
    if (s.default !== undefined) field.default = s.default;
    if (typeof s.format === "string") field.format = s.format;
    if (field.kind === "integer" || field.kind === "number") {
      field.minimum = num(s.minimum);
      field.maximum = num(s.maximum);
    }
    if (field.kind === "string") {
      field.multiline = (num(s.maxLength) ?? 0) > 255 || LONG_TEXT.test(name);
    }
    return field;
  });
  return [...fields.filter((f) => f.required), ...fields.filter((f) => !f.required)];
}

/**
 * The form's starting values: empty (an optional parameter's default is shown as a hint, so the
 * request holds only what was typed), except required parameters and checkboxes start at their
 * default.
 */
export function initialValues(fields: readonly FieldDescriptor[]): FormValues {
  const values: FormValues = {};
  for (const f of fields) {
    const d = f.default;
    if (f.kind === "boolean") values[f.name] = d === true;
    else if (d === undefined || !f.required) values[f.name] = "";
    else if (f.kind === "enum") {
      const i = f.options?.findIndex((o) => o === d) ?? -1;
      values[f.name] = i >= 0 ? String(i) : "";
    } else if (f.kind === "json") values[f.name] = JSON.stringify(d, null, 2);
    else values[f.name] = typeof d === "string" ? d : JSON.stringify(d);
  }
  return values;
}

type Coerced = { value: unknown } | { error: string } | null; // null: leave the argument out

function coerce(f: FieldDescriptor, raw: string | boolean | undefined): Coerced {
  if (f.kind === "boolean") {
    const checked = raw === true;
    // A checkbox cannot say "not set": send it when required or when it differs from the default.
    return f.required || checked !== (f.default === true) ? { value: checked } : null;
  }
  const text = typeof raw === "string" ? raw : "";
  if ((f.kind === "string" ? text : text.trim()) === "") {
    return f.required ? { error: "is required" } : null;
  }
  switch (f.kind) {
    case "string":
      return { value: text };
    case "integer":
    case "number": {
      const n = Number(text.trim());
      if (!Number.isFinite(n)) return { error: "must be a number" };
      if (f.kind === "integer" && !Number.isInteger(n)) return { error: "must be an integer" };
      if (f.minimum !== undefined && n < f.minimum) return { error: `must be >= ${f.minimum}` };
      if (f.maximum !== undefined && n > f.maximum) return { error: `must be <= ${f.maximum}` };
      return { value: n };
    }
    case "enum": {
      const options = f.options ?? [];
      const i = Number(text);
      return Number.isInteger(i) && i >= 0 && i < options.length
        ? { value: options[i] }
        : { error: "must be one of the listed values" };
    }
    case "json": {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return { error: "must be valid JSON" };
      }
      if (f.jsonType === "array" && !Array.isArray(value)) return { error: "must be a JSON array" };
      if (
        f.jsonType === "object" &&
        (value === null || typeof value !== "object" || Array.isArray(value))
      ) {
        return { error: "must be a JSON object" };
      }
      return { value };
    }
  }
}

/** The action's arguments from the form's values, or a message per field that is wrong. */
export function toArguments(
  fields: readonly FieldDescriptor[],
  values: FormValues,
): ArgumentsResult {
  const args: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const c = coerce(f, values[f.name]);
    if (!c) continue;
    if ("error" in c) errors[f.name] = c.error;
    else args[f.name] = c.value;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, arguments: args };
}

/** "title: is required; limit: must be an integer" — the server's wording for the same problems. */
export function errorSummary(errors: Record<string, string>): string {
  return Object.entries(errors)
    .map(([name, message]) => `${name}: ${message}`)
    .join("; ");
}
