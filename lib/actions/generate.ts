// OpenAPI 3.0 document → actions (DESIGN.md "Catalog"). Pure and deterministic: the same document
// always gives the same actions, in name order.
//
// What happens to each operation that has a summary:
// - local `$ref`s (components/parameters, schemas, requestBodies, …) are inlined, with a cycle guard
//   (a schema that refers to itself, directly or not, becomes `{type}` of its target, or `{}`) and a
//   depth limit;
// - path, query and header parameters (except credential headers: Authorization, Cookie and the
//   document's apiKey headers) and the properties of a JSON (or form) object body are flattened into
//   one `{type:"object", properties, required, additionalProperties:false}` schema, with
//   `locations` saying where each property goes;
// - a body property whose name is already taken by a path/query/header parameter is renamed
//   `body_<name>` and listed in `wireNames` (GitHub: path `name` + body `name` when updating a
//   variable); a body that is not an object (array, string, free-form map) becomes one property,
//   `body` (or `request_body` if `body` is taken), named by `bodyKey`;
// - a body given as `oneOf`/`anyOf` object alternatives (or `allOf` parts) contributes the union of
//   their properties; only properties every object alternative requires stay required, and only
//   when the request body itself is required;
// - OpenAPI-only keywords become JSON Schema (`nullable` → a "null" type, `oneOf` → `anyOf`, since
//   OpenAPI alternatives often overlap and the upstream API validates anyway); examples, titles,
//   `x-*` extensions, `readOnly`/`writeOnly`, `discriminator`, unknown formats and patterns a
//   unicode RegExp cannot compile are dropped; descriptions keep their first paragraph, cut short;
// - operations whose body has no JSON or form content (GitHub's raw Markdown render) or that are
//   served from another origin (GitHub's release-asset upload) are skipped and reported.
import { assignActionNames } from "./naming";
import type { ActionDef, HttpMethod, JSONSchema, JSONSchemaObject, ParamLocation } from "./types";

/** The parts of an OpenAPI 3.0 document the generator reads; everything else is ignored. */
export interface OpenAPI3Document {
  openapi: string;
  paths?: Record<string, unknown>;
  components?: Record<string, unknown>;
  servers?: unknown[];
  security?: unknown[];
  [key: string]: unknown;
}

export interface GenerateOptions {
  /** Levels of the success response schema to keep; 0 leaves `response` out. Default 2. */
  responseDepth?: number;
  /** Maximum length of the action description. Default 500. */
  maxDescription?: number;
  /** Maximum length of a parameter or property description. Default 300. */
  maxParamDescription?: number;
  /** Parameter schemas deeper than this many levels become `{}`. Default 12. */
  maxDepth?: number;
  /**
   * For descriptions without summaries (Stripe, Twilio, Slack): an operation without a summary is
   * named from its operationId ("PostCustomers" → "Post customers", "chat_postMessage" → "Chat
   * post message") instead of being left out.
   */
  summaryFromOperationId?: boolean;
  /** Descriptions are HTML (Stripe): tags are removed before the first paragraph is taken. */
  htmlDescriptions?: boolean;
}

/** "PostCustomersCustomer" / "chat_postMessage" / "ListIncomingPhoneNumber" as a sentence. */
export function operationIdSummary(operationId: string): string {
  const words = operationId
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_.\-/]+/)
    .filter(Boolean)
    .map((word) => (/^[A-Z0-9]+$/.test(word) && word.length > 1 ? word : word.toLowerCase()));
  const sentence = words.join(" ");
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** HTML → text: tags removed, the common entities decoded, paragraphs kept as blank lines. */
function htmlToText(html: unknown): unknown {
  if (typeof html !== "string") return html;
  return html
    .replace(/<\/p>\s*/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export interface SkippedOperation {
  method: string;
  path: string;
  summary: string;
  reason: string;
}

export interface GenerateResult {
  actions: ActionDef[];
  skipped: SkippedOperation[];
}

type Obj = Record<string, unknown>;

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

// ajv-formats' full list: a format outside it would only make ajv warn, so it is dropped.
const KNOWN_FORMATS = new Set(
  (
    "date time date-time iso-time iso-date-time duration uri uri-reference uri-template url " +
    "email hostname ipv4 ipv6 regex uuid json-pointer json-pointer-uri-fragment " +
    "relative-json-pointer byte int32 int64 float double password binary"
  ).split(" "),
);

// Keywords copied as they are (after the checks below) for parameter schemas.
const COPIED = [
  "const",
  "default",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
] as const;

const isObj = (value: unknown): value is Obj =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Sets an own property even for names such as "__proto__" (document keys are untrusted text). */
function put<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const strings = (value: unknown): string[] =>
  asArray(value).filter((item): item is string => typeof item === "string");

/**
 * The first paragraph of `text`, whitespace collapsed, cut at a word boundary to `max` chars. A
 * leading Markdown alert ("> [!NOTE] > …") reads "Note: …" and the paragraph after it is kept too.
 */
export function shortDescription(text: unknown, max: number): string {
  if (typeof text !== "string") return "";
  const paragraphs = text.trim().split(/\n\s*\n/);
  const kept = paragraphs[0]?.startsWith(">") ? paragraphs.slice(0, 2) : paragraphs.slice(0, 1);
  const first = kept
    .map((p) =>
      p
        .replace(/^\s*>\s?/gm, "")
        .replace(/\[!(\w)(\w*)\]/g, (_m, a: string, b: string) => `${a}${b.toLowerCase()}:`),
    )
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  if (first.length <= max) return first;
  const cut = first.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}

function validPattern(pattern: unknown): pattern is string {
  if (typeof pattern !== "string") return false;
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

/** Local JSON-pointer `$ref` resolution over one document. */
class Resolver {
  constructor(private readonly doc: OpenAPI3Document) {}

  lookup(ref: string): unknown {
    if (!ref.startsWith("#/")) return undefined; // only local references
    let node: unknown = this.doc;
    for (const raw of ref.slice(2).split("/")) {
      const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      if (!isObj(node)) return undefined;
      node = node[key];
    }
    return node;
  }

  /** Follows a chain of `$ref`s on a parameter / request body / response object. */
  follow(node: unknown): Obj | undefined {
    let current = node;
    for (let hops = 0; hops < 16; hops++) {
      if (!isObj(current)) return undefined;
      if (typeof current.$ref !== "string") return current;
      current = this.lookup(current.$ref);
    }
    return undefined;
  }
}

interface SchemaContext {
  resolver: Resolver;
  mode: "request" | "response";
  maxDepth: number;
  maxDescription: number;
}

function addNull(schema: JSONSchemaObject): JSONSchemaObject {
  if (typeof schema.type === "string") {
    schema.type = [schema.type, "null"];
  } else if (Array.isArray(schema.type)) {
    if (!schema.type.includes("null")) schema.type = [...schema.type, "null"];
  } else if (!schema.enum) {
    const { description, ...rest } = schema;
    // `{anyOf: [...], nullable}` → one more alternative rather than a nested anyOf.
    if (Object.keys(rest).length === 1 && rest.anyOf) {
      return { ...(description ? { description } : {}), anyOf: [...rest.anyOf, { type: "null" }] };
    }
    return {
      ...(description ? { description } : {}),
      anyOf: [rest, { type: "null" }],
    };
  }
  if (schema.enum && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  return schema;
}

/** The `{type}` of a schema cut off by the cycle guard or the depth limit. */
function stub(node: unknown, resolver: Resolver): JSONSchemaObject {
  const target = resolver.follow(node);
  if (!target || typeof target.type !== "string") return {};
  return target.nullable === true ? { type: [target.type, "null"] } : { type: target.type };
}

/** OpenAPI 3.0 schema object → compact JSON Schema that ajv compiles. */
function convertSchema(
  node: unknown,
  ctx: SchemaContext,
  depth: number,
  stack: readonly string[],
): JSONSchema {
  if (typeof node === "boolean") return node;
  if (!isObj(node)) return {};
  if (typeof node.$ref === "string") {
    const ref = node.$ref;
    if (stack.includes(ref) || depth > ctx.maxDepth) return stub(node, ctx.resolver);
    return convertSchema(ctx.resolver.lookup(ref), ctx, depth, [...stack, ref]);
  }
  if (depth > ctx.maxDepth) return stub(node, ctx.resolver);
  const next = (child: unknown) => convertSchema(child, ctx, depth + 1, stack);
  const request = ctx.mode === "request";
  const out: JSONSchemaObject = {};

  if (typeof node.type === "string") out.type = node.type;
  if (request) {
    const description = shortDescription(node.description, ctx.maxDescription);
    if (description) out.description = description;
  }
  // Repeated enum values (Stripe's api_version) make the schema invalid: each is kept once.
  if (Array.isArray(node.enum)) out.enum = uniqueValues(node.enum as unknown[]);
  if (request) {
    if (typeof node.format === "string" && KNOWN_FORMATS.has(node.format)) out.format = node.format;
    if (validPattern(node.pattern)) out.pattern = node.pattern;
    for (const key of COPIED) if (node[key] !== undefined) out[key] = node[key];
    // OpenAPI 3.0's boolean form → draft-07's numeric form.
    for (const [flag, bound] of [
      ["exclusiveMinimum", "minimum"],
      ["exclusiveMaximum", "maximum"],
    ] as const) {
      const value = node[flag];
      if (typeof value === "number") out[flag] = value;
      else if (value === true && typeof node[bound] === "number") {
        out[flag] = node[bound];
        delete out[bound];
      }
    }
    if (node.deprecated === true) out.deprecated = true;
  }

  if (isObj(node.properties)) {
    const properties: Record<string, JSONSchema> = {};
    for (const [name, child] of Object.entries(node.properties)) put(properties, name, next(child));
    out.properties = properties;
  }
  if (request) {
    const required = strings(node.required);
    if (required.length) out.required = required;
    if (typeof node.additionalProperties === "boolean") {
      out.additionalProperties = node.additionalProperties;
    } else if (isObj(node.additionalProperties)) {
      out.additionalProperties = next(node.additionalProperties);
    }
    if (isObj(node.not)) out.not = next(node.not);
  }
  if (node.items !== undefined) out.items = next(node.items);
  const alternatives = [...asArray(node.oneOf), ...asArray(node.anyOf)];
  if (alternatives.length) out.anyOf = alternatives.map(next);
  const parts = asArray(node.allOf);
  if (parts.length) out.allOf = parts.map(next);

  return node.nullable === true ? addNull(out) : out;
}

function uniqueValues(values: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value) ?? "undefined";
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** An object schema that admits no property at all (Stripe's GET and DELETE bodies): no body. */
function emptyObject(schema: JSONSchema): boolean {
  return (
    typeof schema === "object" &&
    schema.type === "object" &&
    Object.keys(schema.properties ?? {}).length === 0 &&
    schema.additionalProperties === false &&
    !schema.anyOf &&
    !schema.allOf
  );
}

/** Properties and required names of an object schema, merging allOf parts and object alternatives. */
function objectParts(
  schema: JSONSchema,
): { properties: Record<string, JSONSchema>; required: string[] } | undefined {
  if (typeof schema !== "object") return undefined;
  const properties: Record<string, JSONSchema> = {};
  for (const [name, child] of Object.entries(schema.properties ?? {})) put(properties, name, child);
  const required = new Set(schema.required ?? []);
  for (const part of schema.allOf ?? []) {
    const inner = objectParts(part);
    if (!inner) continue;
    for (const [name, child] of Object.entries(inner.properties)) {
      if (!Object.hasOwn(properties, name)) put(properties, name, child);
    }
    for (const name of inner.required) required.add(name);
  }
  const alternatives = (schema.anyOf ?? [])
    .map(objectParts)
    .filter((alt): alt is NonNullable<typeof alt> => alt !== undefined);
  for (const alt of alternatives) {
    for (const [name, child] of Object.entries(alt.properties)) {
      if (!Object.hasOwn(properties, name)) put(properties, name, child);
    }
  }
  if (alternatives.length) {
    const common = alternatives
      .map((alt) => new Set(alt.required))
      .reduce((acc, set) => new Set([...acc].filter((name) => set.has(name))));
    for (const name of common) required.add(name);
  }
  if (Object.keys(properties).length === 0) return undefined;
  return { properties, required: [...required].filter((name) => Object.hasOwn(properties, name)) };
}

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json(?:;.*)?$/i;
const FORM_TYPE = "application/x-www-form-urlencoded";

/** The body media type and schema the action uses: JSON first, then form. */
function pickContent(content: unknown): { type: "json" | "form"; schema: unknown } | undefined {
  if (!isObj(content)) return undefined;
  const entries = Object.entries(content);
  const json = entries.find(([type]) => JSON_TYPE.test(type));
  if (json) return { type: "json", schema: isObj(json[1]) ? json[1].schema : undefined };
  const form = entries.find(([type]) => type.toLowerCase().startsWith(FORM_TYPE));
  if (form) return { type: "form", schema: isObj(form[1]) ? form[1].schema : undefined };
  return undefined;
}

/** The form body's `encoding` asks for deepObject style on some property (Stripe does on all). */
function deepObjectForm(content: unknown): boolean {
  if (!isObj(content)) return false;
  const form = Object.entries(content).find(([type]) => type.toLowerCase().startsWith(FORM_TYPE));
  const encoding = form && isObj(form[1]) ? form[1].encoding : undefined;
  return (
    isObj(encoding) && Object.values(encoding).some((e) => isObj(e) && e.style === "deepObject")
  );
}

function serverUrl(servers: unknown): string | undefined {
  const first = asArray(servers)[0];
  return isObj(first) && typeof first.url === "string" ? first.url : undefined;
}

/** Header names that carry credentials: Keyport sets them, the caller never does. */
function credentialHeaders(doc: OpenAPI3Document): Set<string> {
  const names = new Set(["authorization", "proxy-authorization", "cookie"]);
  const schemes = isObj(doc.components) ? doc.components.securitySchemes : undefined;
  if (isObj(schemes)) {
    for (const scheme of Object.values(schemes)) {
      if (isObj(scheme) && scheme.in === "header" && typeof scheme.name === "string") {
        names.add(scheme.name.toLowerCase());
      }
    }
  }
  return names;
}

function scopesOf(security: unknown): string[] {
  const scopes = new Set<string>();
  for (const requirement of asArray(security)) {
    if (!isObj(requirement)) continue;
    for (const list of Object.values(requirement)) for (const s of strings(list)) scopes.add(s);
  }
  return [...scopes].sort();
}

/**
 * A response made of `allOf` parts or object alternatives (Box, Zoom, Jira) as one object with the
 * union of their properties: model APIs refuse a top-level allOf/anyOf/oneOf in a tool's output.
 */
function flatResponse(schema: JSONSchemaObject): JSONSchemaObject {
  if (!schema.allOf && !schema.anyOf) return schema;
  const parts = objectParts(schema);
  const { allOf: _allOf, anyOf: _anyOf, ...rest } = schema;
  if (parts) return { ...rest, type: "object", properties: parts.properties };
  // Parts cut off by the depth limit: all that is known is an object.
  const objects = [...(schema.allOf ?? []), ...(schema.anyOf ?? [])].every(
    (part) => typeof part === "object" && (part.type === "object" || part.type === undefined),
  );
  return objects ? { ...rest, type: "object" } : schema;
}

/** The first 2xx JSON response's schema, trimmed to `depth` levels. */
function responseSchema(op: Obj, resolver: Resolver, depth: number): JSONSchemaObject | undefined {
  if (depth <= 0 || !isObj(op.responses)) return undefined;
  const codes = Object.keys(op.responses)
    .filter((code) => /^2\d\d$/.test(code))
    .sort();
  for (const code of codes) {
    const response = resolver.follow(op.responses[code]);
    const content = pickContent(response?.content);
    if (content?.type !== "json" || content.schema === undefined) continue;
    const ctx: SchemaContext = { resolver, mode: "response", maxDepth: depth, maxDescription: 0 };
    const schema = convertSchema(content.schema, ctx, 1, []);
    return typeof schema === "object" ? flatResponse(schema) : undefined;
  }
  return undefined;
}

interface Operation {
  method: HttpMethod;
  path: string;
  summary: string;
  operationId?: string;
  op: Obj;
  pathParameters: unknown[];
}

/** Generates the actions of one app from its OpenAPI 3.0 document, and lists what it skipped. */
export function generateActionsWithReport(
  appKey: string,
  doc: OpenAPI3Document,
  options: GenerateOptions = {},
): GenerateResult {
  const resolver = new Resolver(doc);
  const maxDescription = options.maxDescription ?? 500;
  const request: SchemaContext = {
    resolver,
    mode: "request",
    maxDepth: options.maxDepth ?? 12,
    maxDescription: options.maxParamDescription ?? 300,
  };
  const responseDepth = options.responseDepth ?? 2;
  const authHeaders = credentialHeaders(doc);
  const docServer = serverUrl(doc.servers);

  const operations: Operation[] = [];
  const skipped: SkippedOperation[] = [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = resolver.follow(rawItem);
    if (!item) continue;
    for (const lower of METHODS) {
      const op = item[lower];
      if (!isObj(op)) continue;
      const fromId =
        options.summaryFromOperationId && typeof op.operationId === "string"
          ? operationIdSummary(op.operationId)
          : "";
      const summary =
        typeof op.summary === "string" && op.summary.trim() ? op.summary.trim() : fromId;
      if (summary === "") continue;
      const method = lower.toUpperCase() as HttpMethod;
      const server = serverUrl(op.servers) ?? serverUrl(item.servers);
      if (server !== undefined && server !== docServer) {
        skipped.push({ method, path, summary, reason: `served from another origin (${server})` });
        continue;
      }
      const body = resolver.follow(op.requestBody);
      if (body && !pickContent(body.content)) {
        const types = isObj(body.content) ? Object.keys(body.content).join(", ") : "none";
        skipped.push({ method, path, summary, reason: `no JSON or form body (${types})` });
        continue;
      }
      operations.push({
        method,
        path,
        summary,
        operationId: typeof op.operationId === "string" ? op.operationId : undefined,
        op,
        pathParameters: asArray(item.parameters),
      });
    }
  }

  const names = assignActionNames(appKey, operations);
  const actions = operations.map((operation, i): ActionDef => {
    const { op, method, path, summary } = operation;
    const properties: Record<string, JSONSchema> = {};
    const locations: Record<string, ParamLocation> = {};
    const required: string[] = [];
    const wireNames: Record<string, string> = {};
    const multiSegment: string[] = [];

    // Operation-level parameters override path-level ones with the same name and location.
    const params = new Map<string, Obj>();
    for (const raw of [...operation.pathParameters, ...asArray(op.parameters)]) {
      const param = resolver.follow(raw);
      if (param && typeof param.name === "string" && typeof param.in === "string") {
        params.set(`${param.in}:${param.name}`, param);
      }
    }
    for (const param of params.values()) {
      const where = param.in as string;
      const wire = param.name as string;
      if (where !== "path" && where !== "query" && where !== "header") continue; // cookies
      if (where === "header" && authHeaders.has(wire.toLowerCase())) continue;
      let source = param.schema;
      if (source === undefined && isObj(param.content)) {
        source = Object.values(param.content).find(isObj)?.schema;
      }
      const converted = convertSchema(source ?? {}, request, 1, []);
      const schema: JSONSchemaObject = typeof converted === "object" ? converted : {};
      const description = shortDescription(param.description, request.maxDescription);
      if (description) schema.description = description;
      if (param.deprecated === true) schema.deprecated = true;
      const name = Object.hasOwn(properties, wire) ? `${where}_${wire}` : wire;
      if (name !== wire) put(wireNames, name, wire);
      put(properties, name, schema);
      put(locations, name, where);
      if (param.required === true || where === "path") required.push(name);
      if (where === "path" && param["x-multi-segment"] === true) multiSegment.push(name);
    }

    let bodyKey: string | undefined;
    let contentType: ActionDef["contentType"];
    const body = resolver.follow(op.requestBody);
    const content = pickContent(body?.content);
    const bodySchema =
      body && content ? convertSchema(content.schema ?? {}, request, 1, []) : undefined;
    if (body && content && bodySchema !== undefined && !emptyObject(bodySchema)) {
      contentType = content.type === "form" ? FORM_TYPE : "application/json";
      const bodyRequired = body.required === true;
      const schema = bodySchema;
      const parts = objectParts(schema);
      if (parts) {
        const mandatory = new Set(parts.required);
        for (const [wire, child] of Object.entries(parts.properties)) {
          const name = Object.hasOwn(properties, wire) ? `body_${wire}` : wire;
          if (name !== wire) put(wireNames, name, wire);
          put(properties, name, child);
          put(locations, name, "body");
          if (bodyRequired && mandatory.has(wire)) required.push(name);
        }
      } else {
        bodyKey = Object.hasOwn(properties, "body") ? "request_body" : "body";
        const holder: JSONSchemaObject = typeof schema === "object" ? { ...schema } : {};
        const description = shortDescription(body.description, request.maxDescription);
        if (description && !holder.description) holder.description = description;
        put(properties, bodyKey, holder);
        put(locations, bodyKey, "body");
        if (bodyRequired) required.push(bodyKey);
      }
    }

    const parameters: JSONSchemaObject = {
      type: "object",
      properties,
      required: [...new Set(required)],
      additionalProperties: false,
    };
    const opDescription = options.htmlDescriptions ? htmlToText(op.description) : op.description;
    const action: ActionDef = {
      name: names[i]!,
      displayName: summary,
      description:
        shortDescription(opDescription, maxDescription) ||
        shortDescription(summary, maxDescription),
      app: appKey,
      method,
      path,
      parameters,
      locations,
      scopes: scopesOf(op.security ?? doc.security),
      tags: strings(op.tags),
    };
    if (bodyKey) action.bodyKey = bodyKey;
    if (contentType) action.contentType = contentType;
    if (contentType === FORM_TYPE && deepObjectForm(body?.content)) action.formBrackets = true;
    if (Object.keys(wireNames).length) action.wireNames = wireNames;
    if (multiSegment.length) action.multiSegment = multiSegment;
    const response = responseSchema(op, resolver, responseDepth);
    if (response) action.response = response;
    if (op.deprecated === true) action.deprecated = true;
    return action;
  });

  actions.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { actions, skipped };
}

/** Generates the actions of one app from its OpenAPI 3.0 document (see the header comment). */
export function generateActions(
  appKey: string,
  doc: OpenAPI3Document,
  options: GenerateOptions = {},
): ActionDef[] {
  return generateActionsWithReport(appKey, doc, options).actions;
}
