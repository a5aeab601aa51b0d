// The OpenAPI 3.1 document of the v3.1 API, generated from the operation table the routes are
// served from (lib/http/v3-operations.ts): the same query, body and response schemas.
import { z } from "zod";
import { statusOf } from "@/lib/core/errors";
import type { Operation } from "./operation";
import { V3_OPERATIONS } from "./v3-operations";

/** The JSON Schema (2020-12, as OpenAPI 3.1 uses) of what a caller sends. */
function jsonSchema(schema: z.ZodType, io: "input" | "output" = "input"): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" });
  const { $schema: _ignored, ...rest } = out as Record<string, unknown>;
  return rest;
}

const apiError = z.object({
  error: z.object({
    message: z.string().describe("What went wrong, readable; never a secret"),
    code: z.enum(Object.keys(statusOf) as [string, ...string[]]),
    status: z.number().int().min(400).max(599),
    request_id: z.string(),
    suggested_fix: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

function queryParameters(query: z.ZodType) {
  const schema = jsonSchema(query) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
    ...(typeof prop.description === "string" ? { description: prop.description } : {}),
    schema: prop,
  }));
}

function pathParameters(op: Operation) {
  return [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => {
    const given = name ? op.pathParams?.[name] : undefined;
    return {
      name,
      in: "path",
      required: true,
      schema: given ? jsonSchema(given, "output") : { type: "string" },
    };
  });
}

const errorRef = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

const responseName = (op: Operation) => `${op.id[0]!.toUpperCase()}${op.id.slice(1)}Response`;

function operationObject(op: Operation, schemas: Record<string, unknown>) {
  const parameters = [...pathParameters(op), ...(op.query ? queryParameters(op.query) : [])];
  if (op.body?.[1]) schemas[op.body[0]] = jsonSchema(op.body[1]);
  schemas[responseName(op)] = jsonSchema(op.response, "output");
  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: { $ref: `#/components/schemas/${op.body[0]}` } },
            },
          },
        }
      : {}),
    ...(op.public ? { security: [] } : {}),
    responses: {
      [String(op.status ?? 200)]: {
        description: op.responseNote,
        content: {
          "application/json": { schema: { $ref: `#/components/schemas/${responseName(op)}` } },
        },
      },
      ...(op.public
        ? {}
        : {
            "400": errorRef("Invalid input; the message names each bad field"),
            "401": errorRef("Missing, unknown or revoked API key"),
            "404": errorRef("Not found in this project (another project's object is a 404 too)"),
          }),
    },
  };
}

let cached: Record<string, unknown> | undefined;

/** The document (built once per process). */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const schemas: Record<string, unknown> = { Error: jsonSchema(apiError, "output") };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of V3_OPERATIONS as Operation[])
    (paths[op.path] ??= {})[op.method] = operationObject(op, schemas);
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Keyport API",
      version: "3.1",
      description:
        "Keyport's own API, wire-compatible with Composio's v3.1 API (`@composio/core`). Send your project's API key in the `x-api-key` header (or `Authorization: Bearer`), never in the query string.",
    },
    servers: [{ url: "/" }],
    security: [{ ApiKey: [] }, { Bearer: [] }],
    // Every operation's tag, in the order the operations come (no tag listed twice).
    tags: [...new Set((V3_OPERATIONS as Operation[]).map((op) => op.tag))].map((name) => ({
      name,
    })),
    paths,
    components: {
      securitySchemes: {
        ApiKey: { type: "apiKey", in: "header", name: "x-api-key" },
        Bearer: {
          type: "http",
          scheme: "bearer",
          description: "The same API key as a bearer token",
        },
      },
      schemas,
    },
  };
  return cached;
}
