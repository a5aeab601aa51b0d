// Input schemas of the legacy face (composio-core 0.5.x request bodies and query strings).
import { z } from "zod";

/** composio-core sends some values as numbers or booleans; Keyport stores strings. */
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const stringMap = z.record(z.string().max(100), scalar);
const labels = z.array(z.string().max(100)).max(20);
const returnUrl = z.string().max(2000);
const entityId = z.string().min(1).max(200);

// POST /api/v2/connectedAccounts/initiateConnection
export const initiateConnectionBody = z
  .object({
    app: z
      .object({
        uniqueKey: z.string().min(1).max(100).nullish(),
        integrationId: z.string().min(1).max(100).nullish(),
      })
      .default({}),
    config: z
      .object({
        name: z.string().max(200).nullish(),
        useComposioAuth: z.boolean().nullish(),
        authScheme: z.string().max(50).nullish(),
        integrationSecrets: z.record(z.string(), z.unknown()).nullish(),
      })
      .default({}),
    connection: z
      .object({
        entityId: entityId.nullish(),
        initiateData: stringMap.nullish(),
        extra: z.object({ redirectURL: returnUrl.nullish(), labels: labels.nullish() }).default({}),
      })
      .default({ extra: {} }),
  })
  .refine((b) => b.app.uniqueKey || b.app.integrationId, {
    message: "give app.uniqueKey (the app name) or app.integrationId",
    path: ["app"],
  });

// POST /api/v1/connectedAccounts
export const createConnectionBody = z.object({
  integrationId: z.string().min(1).max(100),
  data: stringMap.nullish(),
  redirectUri: returnUrl.nullish(),
  userUuid: entityId.nullish(),
  entityId: entityId.nullish(),
  labels: labels.nullish(),
});

// POST /api/v1/integrations (the Python SDK's `integrations.create`)
export const createIntegrationV1Body = z.object({
  appId: z.string().min(1).max(100),
  name: z.string().max(200).nullish(),
  authScheme: z.string().max(50).nullish(),
  useComposioAuth: z.boolean().nullish(),
  authConfig: z.record(z.string(), z.union([scalar, z.array(z.string())])).nullish(),
  forceNewIntegration: z.boolean().nullish(),
});

// POST /api/v1/connectedAccounts/{id}/reinitiate
export const reinitiateBody = z.object({
  data: stringMap.nullish(),
  redirectUri: returnUrl.nullish(),
});

// GET /api/v1/connectedAccounts (page-number pagination)
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
});

/**
 * The most accounts GET /api/v1/connectedAccounts answers at once. A larger pageSize means "all",
 * as the Python SDK asks (pageSize=99999999; it does not page): it is clamped to this, not refused.
 */
export const ACCOUNTS_PAGE_CAP = 10_000;

// GET /api/v1/connectedAccounts
export const accountsPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .default(50)
    .transform((n) => Math.min(n, ACCOUNTS_PAGE_CAP)),
});

// POST /api/v2/actions/{name}/execute
export const executeActionBody = z.object({
  connectedAccountId: z.string().min(1).max(100).nullish(),
  entityId: entityId.nullish(),
  input: z.record(z.string(), z.unknown()).nullish(),
  appName: z.string().max(100).nullish(),
  text: z.string().max(10_000).nullish(),
  /** Caller-supplied credentials (Composio's "custom auth"): Keyport executes only with stored ones. */
  authConfig: z.unknown().optional(),
  sessionInfo: z.unknown().optional(),
  allowTracing: z.boolean().nullish(),
});

// POST /api/v2/actions/proxy
export const proxyBody = z.object({
  connectedAccountId: z.string().min(1).max(100),
  endpoint: z.string().min(1).max(2000),
  method: z
    .string()
    .transform((m) => m.toUpperCase())
    .pipe(z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"])),
  parameters: z
    .array(
      z.object({
        name: z.string().min(1).max(200),
        in: z.enum(["query", "header"]),
        value: scalar,
      }),
    )
    .max(50)
    .nullish(),
  body: z.unknown().optional(),
});

// POST /api/v2/integrations/create and /get-or-create
export const createIntegrationBody = z.object({
  app: z.object({ uniqueKey: z.string().min(1).max(100) }),
  config: z
    .object({
      name: z.string().max(200).nullish(),
      authScheme: z.string().max(50).nullish(),
      useComposioAuth: z.boolean().nullish(),
      integrationSecrets: z.record(z.string(), z.union([scalar, z.array(z.string())])).nullish(),
    })
    .default({}),
});

// GET /api/v2/actions (neither SDK pages: see the route for how many one answer holds)
export const actionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  usecaseLimit: z.coerce.number().int().min(1).max(1000).optional(),
  cursor: z.string().max(500).optional(),
});
