// What any face may show of a connection, and the columns that select it (joined with entities
// and integrations).
import {
  connections,
  entities,
  integrations,
  type ConnectionStatus,
  type UpstreamIdentity,
} from "@/db/schema";

/** What any face may show of a connection: no secrets, only masked hints. */
export interface ConnectionView {
  id: string;
  projectId: string;
  entityId: string; // the customer's user id
  integrationId: string;
  integrationEnabled: boolean;
  appKey: string;
  authScheme: string;
  status: ConnectionStatus;
  statusReason: string | null;
  enabled: boolean;
  credentialHints: Record<string, string>;
  expiresAt: Date | null;
  grantedScopes: string[] | null;
  upstreamIdentity: UpstreamIdentity | null;
  connectionParams: Record<string, string>;
  labels: string[];
  alias: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastUsedAt: Date | null;
  lastRefreshedAt: Date | null;
}

export const viewColumns = {
  id: connections.id,
  projectId: connections.projectId,
  entityId: entities.externalId,
  integrationId: connections.integrationId,
  integrationEnabled: integrations.enabled,
  appKey: connections.appKey,
  authScheme: connections.authScheme,
  status: connections.status,
  statusReason: connections.statusReason,
  enabled: connections.enabled,
  credentialHints: connections.credentialHints,
  expiresAt: connections.expiresAt,
  grantedScopes: connections.grantedScopes,
  upstreamIdentity: connections.upstreamIdentity,
  connectionParams: connections.connectionParams,
  labels: connections.labels,
  alias: connections.alias,
  createdAt: connections.createdAt,
  updatedAt: connections.updatedAt,
  lastUsedAt: connections.lastUsedAt,
  lastRefreshedAt: connections.lastRefreshedAt,
};
