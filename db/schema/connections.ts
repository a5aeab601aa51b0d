import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { projects } from "./projects";

export const integrations = pgTable(
  "integrations",
  {
    id: text().primaryKey(), // ac_…
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    appKey: text().notNull(),
    name: text().notNull(),
    authScheme: text().notNull(),
    clientId: text(),
    /** Encrypted JSON of every secret credential (client secret, developer keys). */
    secretsEnc: text(),
    scopes: jsonb()
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    authorizeUrl: text(),
    tokenUrl: text(),
    apiBaseUrl: text(),
    enabled: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [index().on(t.projectId, t.appKey)],
);

export const entities = pgTable(
  "entities",
  {
    id: text().primaryKey(),
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    externalId: text().notNull(),
    metadata: jsonb()
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.projectId, t.externalId),
    // Ids in byte order whatever the database collation: prefix search (LIKE 'abc%') is a range
    // scan on it, and its pages come out in index order without a sort (lib/core/entities.ts).
    index("entities_external_id_c_idx").on(t.projectId, sql`(${t.externalId} collate "C")`),
  ],
);

export const connectionStatuses = [
  "INITIATED",
  "ACTIVE",
  "FAILED",
  "EXPIRED",
  "INACTIVE",
  "REVOKED",
] as const;
export type ConnectionStatus = (typeof connectionStatuses)[number];

export interface UpstreamIdentity {
  id: string;
  login?: string;
  name?: string;
}

export const connections = pgTable(
  "connections",
  {
    id: text().primaryKey(), // ca_…
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    entityId: text()
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    integrationId: text()
      .notNull()
      .references(() => integrations.id, { onDelete: "restrict" }),
    appKey: text().notNull(),
    authScheme: text().notNull(),
    status: text().$type<ConnectionStatus>().notNull(),
    statusReason: text(),
    enabled: boolean().notNull().default(true),
    /** Encrypted JSON: tokens, API keys, passwords, OAuth 1 token secrets. */
    credentialsEnc: text(),
    keyId: text(),
    /** Masked hints of the stored secrets, e.g. { access_token: "gho_…x7Qa" }. */
    credentialHints: jsonb()
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    expiresAt: timestamp({ withTimezone: true }),
    grantedScopes: jsonb().$type<string[]>(),
    upstreamIdentity: jsonb().$type<UpstreamIdentity>(),
    upstreamLogin: text(),
    /** Non-secret per-connection values (subdomain, shop, instance URL). */
    connectionParams: jsonb()
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    labels: jsonb()
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    alias: text(),
    returnUrl: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
    lastUsedAt: timestamp({ withTimezone: true }),
    lastRefreshedAt: timestamp({ withTimezone: true }),
    /** Transient refresh failures in a row (network, provider 5xx); 0 after a success or reconnect. */
    refreshFailures: integer().notNull().default(0),
    /** The background sweep leaves the token alone until then (backoff, or a token it cannot renew). */
    nextRefreshAt: timestamp({ withTimezone: true }),
    /** A connect link nobody finished: set when the sweep expires it; deleted after the retention. */
    abandonedAt: timestamp({ withTimezone: true }),
    /** The provider refused this connection's credentials (an API key answered 401); cleared by a success. */
    checkFailedAt: timestamp({ withTimezone: true }),
    checkFailure: text(),
  },
  (t) => [
    index().on(t.entityId, t.appKey, t.createdAt),
    index().on(t.projectId, t.appKey, t.status, t.createdAt),
    index().on(t.projectId, t.status, t.createdAt),
    index().on(t.projectId, t.createdAt),
    index().on(t.projectId, t.upstreamLogin),
    index().on(t.integrationId),
    // Background sweeps: abandoned flows and tokens that expire soon. The refresh sweep walks
    // (status = 'ACTIVE', expires_at ascending) and stops at its batch; rows in backoff are
    // filtered on the way (1,900 of them: 0.5 ms at 1,000,000 connections).
    index("connections_expiry_idx").on(t.status, t.expiresAt),
    index("connections_abandoned_idx").on(t.status, t.updatedAt),
    // The overview's "refresh keeps failing": only failing rows are in it, so it stays tiny.
    index("connections_refresh_failing_idx")
      .on(t.projectId, t.expiresAt)
      .where(sql`${t.refreshFailures} > 0`),
    // The retention sweep deletes abandoned links; only those rows are in it.
    index("connections_abandoned_at_idx")
      .on(t.abandonedAt)
      .where(sql`${t.abandonedAt} is not null`),
    // The overview's "credentials refused": only failing rows are in it.
    index("connections_check_failed_idx")
      .on(t.projectId, t.checkFailedAt)
      .where(sql`${t.checkFailedAt} is not null`),
  ],
);

export const authFlows = pgTable(
  "auth_flows",
  {
    stateHash: text().primaryKey(),
    connectionId: text()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    projectId: text().notNull(),
    appKey: text().notNull(),
    issuer: text(),
    tokenEndpoint: text().notNull(),
    redirectUri: text().notNull(),
    /** Encrypted PKCE verifier (OAuth 2) or request-token secret (OAuth 1). */
    verifierEnc: text(),
    bindingHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.expiresAt), index().on(t.connectionId)],
);

export const linkTokens = pgTable(
  "link_tokens",
  {
    hash: text().primaryKey(),
    id: text().notNull().unique(), // ln_…
    connectionId: text()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    projectId: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.connectionId)],
);

export const connectionEvents = pgTable(
  "connection_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    connectionId: text()
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    projectId: text().notNull(),
    type: text().notNull(),
    detail: text(),
    actor: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.connectionId, t.at)],
);

export const executionOutcomes = ["success", "provider_error", "refused", "error"] as const;
export type ExecutionOutcome = (typeof executionOutcomes)[number];

export const executions = pgTable(
  "executions",
  {
    id: text().primaryKey(), // log_…
    projectId: text().notNull(),
    connectionId: text(),
    entityId: text(),
    appKey: text().notNull(),
    action: text().notNull(),
    status: text().$type<"success" | "error">().notNull(),
    /** success | provider_error (the provider answered an error) | refused (Keyport refused it) | error (Keyport failed). */
    outcome: text().$type<ExecutionOutcome>().notNull().default("success"),
    /** The AppError code of a refusal or failure (connection_disabled, not_found, invalid_request…). */
    errorCode: text(),
    /** The provider's HTTP status (null when no provider was called). */
    httpStatus: integer(),
    durationMs: integer().notNull(),
    error: text(),
    requestId: text(),
    /** Which face made the call: api | mcp | dashboard. */
    source: text().notNull().default("api"),
    /** The caller: one of an API key, an operator, or an MCP session; callerLabel is its name then. */
    apiKeyId: text(),
    operatorId: text(),
    sessionId: text(),
    callerLabel: text(),
    /** The arguments and response summary, redacted (lib/core/redact.ts). */
    arguments: jsonb().$type<unknown>(),
    response: jsonb().$type<unknown>(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.projectId, t.at),
    index("executions_request_id_idx")
      .on(t.projectId, t.requestId)
      .where(sql`${t.requestId} is not null`),
    index().on(t.connectionId, t.at),
    index().on(t.projectId, t.entityId, t.at),
    // The log filtered to failures: without it, a project with few errors is read whole.
    // Successful calls (most of them) never enter it, so it costs the hot path nearly nothing.
    index("executions_failures_idx")
      .on(t.projectId, t.at)
      .where(sql`${t.status} = 'error'`),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: text(),
    actorType: text().$type<"operator" | "api_key" | "system">().notNull(),
    actorId: text(),
    actorLabel: text().notNull(),
    verb: text().notNull(),
    objectType: text().notNull(),
    objectId: text(),
    ip: text(),
    detail: jsonb().$type<Record<string, unknown>>(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.projectId, t.at)],
);

export type Integration = typeof integrations.$inferSelect;
export type Entity = typeof entities.$inferSelect;
export type Connection = typeof connections.$inferSelect;
export type AuthFlow = typeof authFlows.$inferSelect;
export type LinkToken = typeof linkTokens.$inferSelect;
export type ConnectionEvent = typeof connectionEvents.$inferSelect;
export type Execution = typeof executions.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
