// Reads Keyport's OpenAPI document into what the reference page shows: operations by tag, and
// each schema's fields with a readable type (no client-side renderer, no CDN).

type Json = Record<string, unknown>;

export interface Field {
  name: string;
  type: string;
  /** Anchor of the schema the type names, when it is a reference. */
  ref?: string;
  required: boolean;
  description?: string;
}

export interface Operation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  parameters: Array<Field & { in: string }>;
  body?: { schema: string; fields: Field[] };
  responses: Array<{ status: string; description: string; schema?: string }>;
}

export interface Reference {
  title: string;
  version: string;
  description: string;
  tags: Array<{ name: string; description?: string; operations: Operation[] }>;
  schemas: Array<{ name: string; fields: Field[]; type: string }>;
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const refName = (ref: unknown) => str(ref)?.replace("#/components/schemas/", "");

/** A schema's type as one short phrase: `string`, `Note[]`, `"ACTIVE" | "FAILED"`, `object`. */
export function typeOf(schema: unknown): { type: string; ref?: string } {
  const s = obj(schema);
  const ref = refName(s.$ref);
  if (ref) return { type: ref, ref };
  if (Array.isArray(s.enum)) return { type: s.enum.map((e) => JSON.stringify(e)).join(" | ") };
  if (s.const !== undefined) return { type: JSON.stringify(s.const) };
  const union = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(union)) {
    const parts = union.map((u) => typeOf(u));
    return { type: parts.map((p) => p.type).join(" | "), ref: parts.find((p) => p.ref)?.ref };
  }
  if (s.type === "array") {
    const item = typeOf(s.items);
    return { type: `${item.type.includes(" ") ? `(${item.type})` : item.type}[]`, ref: item.ref };
  }
  if (Array.isArray(s.type)) return { type: s.type.join(" | ") };
  return { type: str(s.type) ?? "any" };
}

function fieldsOf(schema: unknown, schemas: Json): Field[] {
  let s = obj(schema);
  const ref = refName(s.$ref);
  if (ref) s = obj(schemas[ref]);
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  return Object.entries(obj(s.properties)).map(([name, p]) => ({
    name,
    ...typeOf(p),
    required: required.has(name),
    description: str(obj(p).description),
  }));
}

const jsonSchemaOf = (content: unknown) => obj(obj(obj(content)["application/json"]).schema);

/** The reference for one OpenAPI 3 document. */
export function readReference(doc: unknown): Reference {
  const d = obj(doc);
  const info = obj(d.info);
  const schemas = obj(obj(d.components).schemas);
  const operations: Array<Operation & { tag: string }> = [];
  for (const [path, item] of Object.entries(obj(d.paths))) {
    for (const method of METHODS) {
      const op = obj(obj(item)[method]);
      if (!Object.keys(op).length) continue;
      const body = jsonSchemaOf(obj(op.requestBody).content);
      operations.push({
        tag: str((op.tags as unknown[] | undefined)?.[0]) ?? "Other",
        id: str(op.operationId) ?? `${method}-${path}`,
        method: method.toUpperCase(),
        path,
        summary: str(op.summary) ?? "",
        description: str(op.description),
        parameters: ((op.parameters as unknown[] | undefined) ?? []).map((p) => {
          const param = obj(p);
          return {
            name: str(param.name) ?? "",
            in: str(param.in) ?? "",
            ...typeOf(param.schema),
            required: param.required === true,
            description: str(param.description),
          };
        }),
        body: Object.keys(body).length
          ? { schema: typeOf(body).type, fields: fieldsOf(body, schemas) }
          : undefined,
        responses: Object.entries(obj(op.responses)).map(([status, r]) => ({
          status,
          description: str(obj(r).description) ?? "",
          schema: refName(jsonSchemaOf(obj(r).content).$ref),
        })),
      });
    }
  }
  const tagOrder = ((d.tags as unknown[] | undefined) ?? []).map((t) => obj(t));
  const names = [
    ...new Set([...tagOrder.map((t) => str(t.name) ?? ""), ...operations.map((o) => o.tag)]),
  ];
  return {
    title: str(info.title) ?? "API",
    version: str(info.version) ?? "",
    description: str(info.description) ?? "",
    tags: names
      .map((name) => ({
        name,
        description: str(tagOrder.find((t) => t.name === name)?.description),
        operations: operations.filter((o) => o.tag === name),
      }))
      .filter((t) => t.operations.length),
    schemas: Object.keys(schemas)
      .sort()
      .map((name) => ({
        name,
        type: typeOf(schemas[name]).type,
        fields: fieldsOf(schemas[name], schemas),
      })),
  };
}
