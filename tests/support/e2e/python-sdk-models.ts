// The Python Composio SDK's pydantic models (composio-core 0.7.21, python/composio/client/
// collections.py), as zod schemas: every REQUIRED field, and the optional ones typed, since
// pydantic also rejects an optional field of the wrong type. Written from the SDK's source (ELv2:
// read, not copied). A field with a default in pydantic is `.optional()` here; `Optional[X] = None`
// is `.nullish()`. Unknown keys are allowed, as pydantic ignores them.
import { z } from "zod";

const str = z.string();
const optStr = z.string().nullish();
const dict = z.record(z.string(), z.unknown());

/** `AuthSchemeType` (collections.py): the modes the SDK accepts in `auth_mode`. */
export const AuthSchemeType = z.enum([
  "OAUTH2",
  "OAUTH1",
  "API_KEY",
  "BASIC",
  "BEARER_TOKEN",
  "BASIC_WITH_JWT",
  "GOOGLE_SERVICE_ACCOUNT",
  "GOOGLEADS_AUTH",
  "NO_AUTH",
  "CALCOM_AUTH",
]);

/** `AuthConnectionParamsModel`: every field optional, but typed. */
export const AuthConnectionParamsModel = z.object({
  scope: optStr,
  base_url: optStr,
  client_id: optStr,
  token_type: optStr,
  access_token: optStr,
  refresh_token: optStr,
  client_secret: optStr,
  consumer_id: optStr,
  consumer_secret: optStr,
  headers: dict.nullish(),
  queryParams: dict.nullish(),
});

/** `ConnectedAccountModel` (connected_accounts.get by id and in lists). */
export const ConnectedAccountModel = z.object({
  id: str,
  status: str,
  createdAt: str,
  updatedAt: str,
  appUniqueId: str,
  appName: str,
  integrationId: str,
  connectionParams: AuthConnectionParamsModel,
  clientUniqueUserId: optStr,
  entityId: str.optional(),
});

/** `ConnectionRequestModel` (connected_accounts.initiate → POST /v1/connectedAccounts). */
export const ConnectionRequestModel = z.object({
  connectionStatus: str,
  connectedAccountId: str,
  redirectUrl: optStr,
});

/** `AuthSchemeField`. */
export const AuthSchemeField = z.object({
  name: str,
  display_name: optStr,
  description: str,
  type: str,
  default: optStr,
  required: z.boolean().optional(),
  expected_from_customer: z.boolean().optional(),
  get_current_user_endpoint: optStr,
});

/** `AppAuthScheme`. */
export const AppAuthScheme = z.object({
  scheme_name: str,
  auth_mode: AuthSchemeType,
  fields: z.array(AuthSchemeField),
  proxy: dict.nullish(),
  authorization_url: optStr,
  token_url: optStr,
  default_scopes: z.array(z.unknown()).nullish(),
  token_response_metadata: z.array(z.unknown()).nullish(),
  client_id: optStr,
  client_secret: optStr,
});

/** `AppModel` (apps.get, with or without a name). */
export const AppModel = z.object({
  name: str,
  key: str,
  appId: str,
  description: str,
  categories: z.array(str),
  meta: dict,
  logo: optStr,
  docs: optStr,
  group: optStr,
  status: optStr,
  enabled: z.boolean().optional(),
  no_auth: z.boolean().optional(),
  auth_schemes: z.array(AppAuthScheme).nullish(),
  testConnectors: z.array(dict).nullish(),
  documentation_doc_text: optStr,
  configuration_docs_text: optStr,
});

/** `OpenAPISchema` (= `ActionParametersModel`, `ActionResponseModel`). */
export const OpenAPISchema = z.object({
  properties: dict,
  title: str,
  type: str,
  required: z.array(str).nullish(),
  examples: z.array(z.unknown()).nullish(),
});

/** `ActionModel` (actions.get: GET /v2/actions and /v2/actions/{name}). */
export const ActionModel = z.object({
  name: str,
  description: str,
  parameters: OpenAPISchema,
  response: OpenAPISchema,
  appName: str,
  appId: str,
  version: str,
  available_versions: z.array(str),
  tags: z.array(str),
  logo: optStr,
  display_name: optStr,
  enabled: z.boolean().optional(),
});

/** `TriggerModel` (triggers.get; Keyport answers an empty list). */
export const TriggerModel = z.object({
  name: str,
  display_name: str,
  description: str,
  payload: dict,
  config: dict,
  instructions: str,
  appId: str,
  appKey: str,
  appName: str,
  count: z.number().int(),
  enabled: z.boolean(),
  logo: optStr,
});

/** `ExpectedFieldInput` (an integration's `expectedInputFields`). */
export const ExpectedFieldInput = z.object({
  name: str,
  type: str,
  description: str,
  displayName: str,
  is_secret: z.boolean().optional(),
  required: z.boolean().optional(),
  expected_from_customer: z.boolean().optional(),
  default: optStr,
  get_current_user_endpoint: optStr,
});

/** `IntegrationModel` (integrations.get, integrations.create). */
export const IntegrationModel = z.object({
  id: str,
  name: str,
  authScheme: str,
  createdAt: str,
  updatedAt: str,
  enabled: z.boolean(),
  deleted: z.boolean(),
  appId: str,
  appName: str,
  expectedInputFields: z.array(ExpectedFieldInput).optional(),
  logo: optStr,
  defaultConnectorId: optStr,
  connections: z.array(dict).nullish(),
});

/**
 * Lists read by `Collection.get` (apps, integrations, triggers): a bare array or `{items: [...]}`.
 * Lists read with `.json().get("items")` (connected accounts, actions) need the object.
 */
export const collectionOf = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item), z.object({ items: z.array(item) })]);
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/**
 * GET /v1/client/auth/client_info has no model: `Composio.validate_api_key` needs a 200, and
 * `Triggers.subscribe` reads `client.id`.
 */
export const ClientInfo = z.object({ client: z.object({ id: str }) });

/**
 * POST /v2/actions/{name}/execute has no model on the remote path: `execute_action` hands the dict
 * back (after walking `data` for file downloads), and callers read `successful`, `data`, `error`.
 */
export const ExecuteResult = z.object({
  data: dict,
  error: z.string().nullable(),
  successful: z.boolean(),
});
