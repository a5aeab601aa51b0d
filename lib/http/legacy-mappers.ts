// Domain objects → the legacy face's JSON (composio-core 0.5.x field names). No secrets: hints only.
import { ZodError } from "zod";
import type { ConnectionStatus } from "@/db/schema";
import { outputSchema } from "@/lib/actions/output";
import type { ActionDef } from "@/lib/actions/types";
import type { AppDef, AuthSchemeDef, FieldDef } from "@/lib/catalog/types";
import type { ClientInfo } from "@/lib/core/client-info";
import type { ConnectionView } from "@/lib/core/connections";
import { AppError } from "@/lib/core/errors";
import type { ExecuteResult } from "@/lib/core/execute";
import type { InitiateResult } from "@/lib/core/initiate";
import type { IntegrationView } from "@/lib/core/integrations";
import { zodMessage } from "./api-errors";
import { withApiKey, type ApiContext } from "./with-api-key";

export type LegacyStatus = "INITIATED" | "ACTIVE" | "FAILED" | "EXPIRED";

/**
 * composio-core knows four statuses (`ConnectedAccountResponseDTO.status` in its index.d.ts).
 * - INACTIVE (disabled) still holds working credentials: Keyport only marks ACTIVE connections
 *   INACTIVE and restores ACTIVE on enable. It is shown as its underlying state, ACTIVE, with
 *   `enabled:false, isDisabled:true`. The list hides disabled accounts unless `showDisabled=true`
 *   (Composio's own semantics), which matters because `entity.getConnection` picks the newest
 *   item whose status is "ACTIVE" without looking at `enabled`: a listed disabled account would be
 *   chosen over an older usable one. Asked for by id, a disabled account fails to execute with
 *   Keyport's "is disabled" message.
 * - REVOKED (the grant was revoked upstream) needs a reconnect exactly like EXPIRED: shown as EXPIRED.
 * The exact Keyport status is in `keyportStatus`.
 */
export function legacyStatus(s: ConnectionStatus): LegacyStatus {
  switch (s) {
    case "INACTIVE":
      return "ACTIVE";
    case "REVOKED":
      return "EXPIRED";
    default:
      return s;
  }
}

/** Keyport statuses shown as a legacy status (the inverse of legacyStatus). */
export function keyportStatuses(legacy: string): ConnectionStatus[] {
  switch (legacy.toUpperCase()) {
    case "ACTIVE":
      return ["ACTIVE", "INACTIVE"];
    case "EXPIRED":
      return ["EXPIRED", "REVOKED"];
    case "INITIATED":
      return ["INITIATED"];
    case "FAILED":
      return ["FAILED"];
    default:
      throw new AppError(
        "bad_request",
        `status: unknown status "${legacy}" (INITIATED, ACTIVE, FAILED or EXPIRED)`,
      );
  }
}

/** A connected account (`ConnectedAccountResponseDTO` and the list item `ConnectionParams`). */
export function connectedAccountLegacy(c: ConnectionView) {
  return {
    id: c.id,
    integrationId: c.integrationId,
    appUniqueId: c.appKey,
    appName: c.appKey,
    entityId: c.entityId,
    clientUniqueUserId: c.entityId,
    status: legacyStatus(c.status),
    keyportStatus: c.status,
    statusReason: c.statusReason,
    enabled: c.enabled,
    isDisabled: !c.enabled,
    authScheme: c.authScheme,
    labels: c.labels,
    // Masked hints and the non-secret per-connection values; never a usable credential.
    connectionParams: { ...c.credentialHints, ...c.connectionParams },
    upstreamIdentity: c.upstreamIdentity,
    invocationCount: 0,
    member: {},
    meta: { app: {} },
    deleted: false,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/**
 * `ClientInfoResDTO` (GET /api/v1/client/auth/client_info): Composio's client is Keyport's
 * project. The key appears only as its prefix with an ellipsis; Keyport stores no usable copy.
 */
export function clientInfoLegacy(info: ClientInfo) {
  const { project, apiKey } = info;
  const masked = `${apiKey.prefix}…`;
  const projectCreated = project.createdAt.toISOString();
  return {
    client: {
      autoId: 0,
      id: project.id,
      name: project.name,
      email: "",
      createdAt: projectCreated,
      updatedAt: projectCreated,
      triggersEnabled: false,
      plan: "self-hosted",
      isNewWebhook: true,
    },
    apiKey: {
      id: apiKey.id,
      name: apiKey.name,
      clientId: project.id,
      memberId: "",
      createdAt: apiKey.createdAt.toISOString(),
      updatedAt: apiKey.createdAt.toISOString(),
      key: masked,
      apiKey: masked,
      lastUsed: (apiKey.lastUsedAt ?? apiKey.createdAt).toISOString(),
      member: {},
    },
  };
}

/** `{items, page, totalPages}` — the legacy list envelope. */
export function pageLegacy<T>(items: T[], page: number, pageSize: number, totalItems: number) {
  return { items, page, totalPages: Math.max(1, Math.ceil(totalItems / pageSize)), totalItems };
}

const CLIENT_FIELDS: FieldDef[] = [
  {
    name: "client_id",
    displayName: "Client ID",
    description: "OAuth client id",
    required: true,
    secret: false,
  },
  {
    name: "client_secret",
    displayName: "Client secret",
    description: "OAuth client secret",
    required: true,
    secret: true,
  },
];

/** Fields a developer gives when creating the integration (OAuth client), not per connection. */
const creationFields = (s: AuthSchemeDef): FieldDef[] =>
  s.mode === "OAUTH2" || s.mode === "OAUTH1" ? CLIENT_FIELDS : [];

/** Fields given per connection: the app's connection fields plus the scheme's credentials. */
const initiationFields = (app: AppDef, s: AuthSchemeDef): FieldDef[] => [
  ...app.connectionFields,
  ...s.fields,
];

/**
 * `ExpectedInputFieldsDTO`. `expected_from_customer` is Composio's: true for a field the end
 * customer gives per connection, false for one the developer gives once when creating the
 * integration (the OAuth client). Both SDKs ask the caller for the false ones before they create
 * an integration (Python `fetch_expected_integration_params`, JS `apps.getRequiredParams`).
 */
function fieldLegacy(f: FieldDef, expectedFromCustomer: boolean) {
  return {
    name: f.name,
    displayName: f.displayName,
    display_name: f.displayName,
    description: f.description,
    type: "string",
    required: f.required,
    expected_from_customer: expectedFromCustomer,
    is_secret: f.secret,
    default: f.default ?? null,
  };
}

// The catalog is code: it has no creation dates.
const EPOCH = new Date(0).toISOString();

/** An app (`SingleAppInfoResDTO`), with its auth schemes and their fields. */
export function appLegacy(app: AppDef) {
  return {
    appId: app.key,
    key: app.key,
    name: app.name,
    description: app.description,
    logo: app.logo,
    categories: app.categories,
    tags: [],
    docs: app.docsUrl,
    get_current_user_endpoint: app.identity?.path,
    no_auth: app.authSchemes.every((s) => s.mode === "NO_AUTH"),
    // Python's `AppAuthScheme` requires scheme_name, auth_mode and fields; JS reads `mode`.
    auth_schemes: app.authSchemes.map((s) => ({
      scheme_name: s.mode,
      mode: s.mode,
      name: s.mode,
      auth_mode: s.mode,
      fields: [
        ...creationFields(s).map((f) => fieldLegacy(f, false)),
        ...initiationFields(app, s).map((f) => fieldLegacy(f, true)),
      ],
    })),
    testConnectors: [],
    enabled: true,
    meta: { apiBaseUrl: app.apiBaseUrl },
    createdAt: EPOCH,
    updatedAt: EPOCH,
  };
}

/** An integration (`GetConnectorInfoResDTO`); the client secret only as set / not set. */
export function integrationLegacy(i: IntegrationView, app?: AppDef) {
  const scheme = app?.authSchemes.find((s) => s.mode === i.authScheme);
  return {
    id: i.id,
    name: i.name,
    appName: i.appKey,
    appId: i.appKey,
    authScheme: i.authScheme,
    authConfig: {
      ...(i.clientId ? { client_id: i.clientId } : {}),
      client_secret_set: i.clientSecretSet,
      scopes: i.scopes.join(","),
      ...(i.authorizeUrl ? { authorize_url: i.authorizeUrl } : {}),
      ...(i.tokenUrl ? { token_url: i.tokenUrl } : {}),
      ...(i.apiBaseUrl ? { base_url: i.apiBaseUrl } : {}),
    },
    expectedInputFields:
      app && scheme ? initiationFields(app, scheme).map((f) => fieldLegacy(f, true)) : [],
    logo: app?.logo ?? "",
    useComposioAuth: false,
    limitedActions: [],
    enabled: i.enabled,
    deleted: false,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

/**
 * composio-core turns `parameters` into zod for LangChain and throws on a type list such as
 * `["string","null"]` (GitHub has many). This face lists them as one type, or `anyOf` for several
 * non-null types; execution still validates against the action's own schema, where null is allowed.
 */
export function legacySchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(legacySchema);
  if (!schema || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    if (k === "properties" && v && typeof v === "object" && !Array.isArray(v)) {
      out[k] = Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([name, sub]) => [
          name,
          legacySchema(sub),
        ]),
      );
    } else if (["items", "additionalProperties", "anyOf", "oneOf", "allOf", "not"].includes(k)) {
      out[k] = legacySchema(v);
    } else {
      out[k] = v;
    }
  }
  if (Array.isArray(out.type)) {
    const types = (out.type as unknown[]).filter((t) => t !== "null");
    if (types.length === 1) out.type = types[0];
    else {
      delete out.type;
      if (types.length > 1) out.anyOf = types.map((type) => ({ type }));
    }
  }
  return out;
}

/** GITHUB_CREATE_AN_ISSUE → GithubCreateAnIssue (the style of Composio's schema titles). */
const pascal = (name: string) =>
  name
    .toLowerCase()
    .split("_")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");

type Schema = Record<string, unknown>;

/**
 * The schema of what execute returns in `data` (`outputSchema`, the one rule for its shape), with
 * the `properties`, `title` and string `type` the Python SDK's `ActionResponseModel` requires.
 */
function responseLegacy(a: ActionDef): Schema {
  const s = legacySchema(outputSchema(a.response)) as Schema;
  return {
    ...s,
    type: "object",
    title: `${pascal(a.name)}Response`,
    properties: s.properties ?? {},
  };
}

/** `parameters` with the title the Python SDK's `ActionParametersModel` requires. */
function parametersLegacy(a: ActionDef): Schema {
  const s = legacySchema(a.parameters) as Schema;
  return {
    ...s,
    type: "object",
    title: `${pascal(a.name)}Request`,
    properties: s.properties ?? {},
  };
}

/** An action (`ActionDetails`): `appKey` is required by the SDK, `parameters` is the JSON Schema. */
export function actionLegacy(a: ActionDef) {
  return {
    name: a.name,
    enum: a.name,
    displayName: a.displayName,
    display_name: a.displayName,
    description: a.description,
    appKey: a.app,
    appName: a.app,
    appId: a.app,
    logo: "",
    parameters: parametersLegacy(a),
    response: responseLegacy(a),
    tags: a.tags,
    scopes: a.scopes,
    no_auth: false,
    enabled: true,
    deprecated: a.deprecated ?? false,
    version: "latest",
    available_versions: ["latest"],
  };
}

/** Like withApiKey's handler: returns a Response or a JSON-able body, sync or async. */
type LegacyHandler<P> = (ctx: ApiContext, params: P) => unknown;

/**
 * `withApiKey(handler, "legacy")`, shaped for what composio-core can read:
 * - a 400 always carries `details` with the message: on a 400 the SDK shows only
 *   `"Validation Errors: " + JSON.stringify(body.details)`, so the reason would be lost;
 * - 403, 409, 413 and 422 are answered as 400 (the Keyport code in `details.code`): the SDK maps
 *   only 400/401/404/408/429/500/502 and throws a TypeError of its own on any other status.
 */
export function withLegacyKey<P = Record<string, string>>(handler: LegacyHandler<P>) {
  return withApiKey<P>(async (ctx, params) => {
    try {
      return await handler(ctx, params);
    } catch (err) {
      throw legacyError(err);
    }
  }, "legacy");
}

const SHOWN_AS_400 = new Set([
  "bad_request",
  "forbidden",
  "conflict",
  "payload_too_large",
  "unprocessable_entity",
]);

function legacyError(err: unknown): unknown {
  if (err instanceof ZodError) {
    const message = zodMessage(err);
    const issues = err.issues
      .slice(0, 10)
      .map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    return new AppError("bad_request", message, { message, issues });
  }
  if (err instanceof AppError && SHOWN_AS_400.has(err.code)) {
    const code = err.code === "bad_request" ? {} : { code: err.code };
    return new AppError("bad_request", err.message, {
      message: err.message,
      ...code,
      ...err.details,
    });
  }
  return err;
}

/** The initiate answer (`InitiateConnectionResponse`): no `redirectUrl` when the account is ACTIVE at once. */
export function connectionRequestLegacy(r: InitiateResult) {
  return {
    connectionStatus: legacyStatus(r.connection.status),
    connectedAccountId: r.connection.id,
    ...(r.link ? { redirectUrl: r.link.redirectUrl } : {}),
  };
}

/** An execution (`ActionExecutionResDto`): `data` is always an object, also on failure. */
export function executeResultLegacy(r: ExecuteResult) {
  return {
    data: r.data,
    error: r.error,
    successful: r.successful,
    successfull: r.successful,
    logId: r.logId,
    httpStatus: r.httpStatus,
    connectedAccountId: r.connectionId,
  };
}

/** A proxied request: the upstream answer as it is, in the execute envelope composio-core types it with. */
export function proxyResultLegacy(r: {
  status: number;
  headers: Record<string, string>;
  data: unknown;
  logId: string;
}) {
  const successful = r.status < 400;
  return {
    data: r.data,
    status: r.status,
    headers: r.headers,
    successful,
    error: successful ? null : `HTTP ${r.status}`,
    logId: r.logId,
  };
}
