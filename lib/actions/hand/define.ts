// A compact way to declare an action by hand: the name comes from the display name (naming.ts),
// the flattened schema, `locations` and `required` from one list of parameters.
import { actionName } from "../naming";
import type { ActionDef, HttpMethod, JSONSchemaObject, ParamLocation } from "../types";

export interface HandParam {
  in: ParamLocation;
  schema: JSONSchemaObject;
  /** Path parameters are always required. */
  required?: boolean;
}

export interface HandAction {
  displayName: string;
  description: string;
  method: HttpMethod;
  /** Relative to the app's `apiBaseUrl` (lib/catalog/apps). */
  path: string;
  params?: Record<string, HandParam>;
  contentType?: ActionDef["contentType"];
  bodyKey?: string;
  graphql?: { query: string };
  response?: JSONSchemaObject;
  scopes?: string[];
  tags?: string[];
}

export function defineActions(app: string, specs: readonly HandAction[]): ActionDef[] {
  return specs.map((spec) => {
    const properties: Record<string, JSONSchemaObject> = {};
    const locations: Record<string, ParamLocation> = {};
    const required: string[] = [];
    for (const [name, param] of Object.entries(spec.params ?? {})) {
      properties[name] = param.schema;
      locations[name] = param.in;
      if (param.required || param.in === "path") required.push(name);
    }
    const action: ActionDef = {
      name: actionName(app, spec.displayName),
      displayName: spec.displayName,
      description: spec.description,
      app,
      method: spec.method,
      path: spec.path,
      parameters: { type: "object", properties, required, additionalProperties: false },
      locations,
      scopes: spec.scopes ?? [],
      tags: spec.tags ?? [],
    };
    if (spec.contentType) action.contentType = spec.contentType;
    if (spec.bodyKey) action.bodyKey = spec.bodyKey;
    if (spec.graphql) action.graphql = spec.graphql;
    if (spec.response) action.response = spec.response;
    return action;
  });
}

// Small schema helpers, so the declarations stay readable.
export const str = (description: string, extra: JSONSchemaObject = {}): JSONSchemaObject => ({
  type: "string",
  description,
  ...extra,
});
export const int = (description: string, extra: JSONSchemaObject = {}): JSONSchemaObject => ({
  type: "integer",
  description,
  ...extra,
});
export const bool = (description: string): JSONSchemaObject => ({ type: "boolean", description });
export const strList = (description: string, extra: JSONSchemaObject = {}): JSONSchemaObject => ({
  type: "array",
  items: { type: "string" },
  description,
  ...extra,
});
export const obj = (description: string, extra: JSONSchemaObject = {}): JSONSchemaObject => ({
  type: "object",
  description,
  ...extra,
});
