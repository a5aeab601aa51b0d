// Response schemas of the v3.1 face (zod). The mappers (v3-mappers.ts, v3-tools.ts) are typed by
// them, the OpenAPI document is generated from them, and tests/e2e/api-operations.spec.ts checks
// every route's real answers against the document.
import { z } from "zod";

const iso = z.string().describe("ISO 8601 date-time");
const nullableIso = iso.nullable();
/** A JSON Schema (the tool's parameters or answer). */
const jsonSchemaObject = z.record(z.string(), z.unknown());

export const connectedAccount = z.object({
  id: z.string(),
  user_id: z.string().describe("Your user's id (the entity)"),
  status: z.enum(["INITIATED", "ACTIVE", "FAILED", "EXPIRED", "INACTIVE", "REVOKED"]),
  status_reason: z.string().nullable(),
  is_disabled: z.boolean(),
  toolkit: z.object({ slug: z.string() }),
  auth_config: z.object({
    id: z.string(),
    is_composio_managed: z.boolean(),
    is_disabled: z.boolean(),
  }),
  state: z.object({
    authScheme: z.string(),
    val: z
      .record(z.string(), z.unknown())
      .describe("The status, masked credential hints and connection fields (never a secret)"),
  }),
  data: z.record(z.string(), z.string()).describe("Masked credential hints and connection fields"),
  params: z.record(z.string(), z.unknown()),
  upstream_identity: z
    .object({ id: z.string(), login: z.string().optional(), name: z.string().optional() })
    .nullable(),
  granted_scopes: z.array(z.string()).nullable(),
  expires_at: nullableIso,
  labels: z.array(z.string()),
  alias: z.string().nullable(),
  test_request_endpoint: z.string(),
  created_at: iso,
  updated_at: iso,
  last_used_at: nullableIso,
  last_refreshed_at: nullableIso,
});

export const authConfig = z.object({
  id: z.string(),
  uuid: z.string(),
  name: z.string(),
  type: z.literal("custom"),
  toolkit: z.object({ slug: z.string(), logo: z.string() }),
  auth_scheme: z.string(),
  is_composio_managed: z.literal(false),
  is_enabled_for_tool_router: z.boolean(),
  status: z.enum(["ENABLED", "DISABLED"]),
  credentials: z
    .object({
      client_id: z.string().optional(),
      client_secret_set: z.boolean(),
      scopes: z.array(z.string()),
    })
    .describe("Secrets only as set / not set"),
  scopes: z.array(z.string()),
  authorize_url: z.string().nullable(),
  token_url: z.string().nullable(),
  api_base_url: z.string().nullable(),
  no_of_connections: z.number().int(),
  created_at: iso,
  last_updated_at: iso,
});

const field = z.object({
  name: z.string(),
  displayName: z.string(),
  display_name: z.string(),
  type: z.literal("string"),
  description: z.string(),
  required: z.boolean(),
  is_secret: z.boolean(),
  default: z.string().nullable(),
  pattern: z.string().optional(),
});

export const toolkit = z.object({
  slug: z.string(),
  name: z.string(),
  is_local_toolkit: z.boolean(),
  meta: z.object({
    description: z.string(),
    logo: z.string(),
    categories: z.array(z.object({ slug: z.string(), name: z.string() })),
    app_url: z.string(),
    tools_count: z.number().int().describe("How many tools (actions) the toolkit has"),
    triggers_count: z.number().int(),
  }),
  auth_schemes: z.array(z.string()),
  composio_managed_auth_schemes: z.array(z.string()),
  no_auth: z.boolean(),
});

export const toolkitDetail = toolkit.extend({
  auth_config_details: z.array(
    z.object({
      name: z.string(),
      mode: z.string(),
      fields: z.object({
        auth_config_creation: z.object({ required: z.array(field), optional: z.array(field) }),
        connected_account_initiation: z.object({
          required: z.array(field),
          optional: z.array(field),
        }),
      }),
      proxy: z.object({ base_url: z.string() }),
    }),
  ),
  docs_url: z.string(),
});

export const tool = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  toolkit: z.object({ slug: z.string(), name: z.string(), logo: z.string() }),
  input_parameters: jsonSchemaObject.describe("JSON Schema of the arguments"),
  output_parameters: jsonSchemaObject.describe("JSON Schema of `data`; its root is an object"),
  scopes: z.array(z.string()),
  tags: z.array(z.string()),
  no_auth: z.boolean(),
  available_versions: z.array(z.string()),
  version: z.string(),
  is_deprecated: z.boolean(),
  deprecated: z.object({
    is_deprecated: z.boolean(),
    displayName: z.string(),
    toolkit: z.object({ logo: z.string() }),
  }),
});

/** The cursor page envelope around `item`. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next_cursor: z.string().nullable(),
    total_pages: z.number().int().min(1),
    current_page: z.number().int().min(1),
    total_items: z.number().int().min(0),
  });
}

export const success = z.object({ success: z.literal(true) });

export const authConfigCreated = authConfig.extend({
  toolkit: z.object({ slug: z.string() }),
  auth_config: z.object({
    id: z.string(),
    auth_scheme: z.string(),
    is_composio_managed: z.literal(false),
  }),
});

export const authConfigStatusChanged = success.extend({ auth_config: authConfig });

export const connectedAccountCreated = z.object({
  id: z.string(),
  status: connectedAccount.shape.status,
  redirect_url: z.string().nullable().describe("The connect link to send your user to, if any"),
  redirect_uri: z.string().nullable().describe("The same as redirect_url (older SDKs)"),
  connectionData: z.object({
    authScheme: z.string(),
    val: z.record(z.string(), z.unknown()).describe("Includes redirectUrl, as the SDK reads it"),
  }),
  connected_account: connectedAccount,
});

export const connectLinkCreated = z.object({
  link_token: z.string().nullable(),
  redirect_url: z.string().nullable(),
  expires_at: nullableIso,
  connected_account_id: z.string(),
});

export const connectedAccountChanged = z.object({
  id: z.string(),
  status: connectedAccount.shape.status,
  success: z.literal(true),
  connected_account: connectedAccount,
});

export const connectedAccountRefreshed = z.object({
  id: z.string(),
  status: connectedAccount.shape.status,
  redirect_url: z.null(),
  connected_account: connectedAccount,
});

export const connectedAccountDeleted = z.object({
  success: z.literal(true),
  id: z.string(),
  revoked: z
    .boolean()
    .nullable()
    .describe("true: revoked at the provider; false: revocation failed; null: nothing to revoke"),
  revoke_error: z.string().optional(),
});

export const executeResult = z.object({
  data: z.record(z.string(), z.unknown()).describe("The answer, shaped by output_parameters"),
  error: z.string().nullable(),
  successful: z.boolean(),
  log_id: z.string(),
  status_code: z.number().int().nullable().describe("The provider's HTTP status, if called"),
  session_info: z.null(),
});

export const proxyResult = z.object({
  data: z.unknown().describe("The provider's body: JSON when it sent JSON, else text"),
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  log_id: z.string(),
});

/** The OpenAPI document itself (a JSON object). */
export const openApi = z.looseObject({
  openapi: z.string(),
  paths: z.record(z.string(), z.unknown()),
});
