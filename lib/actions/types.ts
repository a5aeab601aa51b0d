// The one action format every app uses, whether generated from an OpenAPI document or declared
// by hand (DESIGN.md "Catalog").

/** A JSON Schema (draft-07 subset that ajv compiles); `true`/`false` are the trivial schemas. */
export type JSONSchema = JSONSchemaObject | boolean;

export interface JSONSchemaObject {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JSONSchema>;
  required?: string[];
  items?: JSONSchema;
  additionalProperties?: JSONSchema;
  enum?: unknown[];
  anyOf?: JSONSchema[];
  allOf?: JSONSchema[];
  oneOf?: JSONSchema[];
  default?: unknown;
  format?: string;
  [keyword: string]: unknown;
}

export type ParamLocation = "path" | "query" | "body" | "header";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ActionDef {
  /** e.g. GITHUB_CREATE_AN_ISSUE: APP + "_" + the summary upper-snake-cased (naming.ts). */
  name: string;
  /** e.g. "Create an issue". */
  displayName: string;
  /** First paragraph of the operation's description, at most ~500 characters. */
  description: string;
  /** App key, e.g. "github". */
  app: string;
  method: HttpMethod;
  /** Template relative to the app's API base, e.g. "/repos/{owner}/{repo}/issues". */
  path: string;
  /**
   * `{ type: "object", properties, required, additionalProperties: false }`: path, query, header
   * and body fields flattened into one object.
   */
  parameters: JSONSchemaObject;
  /** Where each top-level property of `parameters` goes. */
  locations: Record<string, ParamLocation>;
  /** When the request body is not an object (array, string, map), the one property holding it. */
  bodyKey?: string;
  /** Body encoding; JSON when absent. */
  contentType?: "application/json" | "application/x-www-form-urlencoded";
  /** Form bodies whose description asks for deepObject encoding (Stripe): lists as `key[0]=…`. */
  formBrackets?: boolean;
  /** GraphQL actions (Linear): POST body = { query, variables: <params> }. */
  graphql?: { query: string };
  /** The success response's schema, trimmed (a few levels deep, no descriptions). */
  response?: JSONSchemaObject;
  /** OAuth scopes the action needs, when known. */
  scopes: string[];
  tags: string[];
  deprecated?: boolean;
  /**
   * Property → name sent upstream, for the few body fields renamed because a path or query
   * parameter has the same name (GitHub's "Update an organization variable": path `name` and
   * body `name` → properties `name` (path) and `body_name` (body, sent as `name`)).
   */
  wireNames?: Record<string, string>;
  /**
   * Path parameters whose value may contain "/" (GitHub's `{path}` of a file, `{ref}` such as
   * `heads/main`): encode each segment but keep the slashes.
   */
  multiSegment?: string[];
}
