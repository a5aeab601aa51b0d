// A connection as the v3.1 API shows it (Composio v3 field names), shared by the API face and the
// webhook payloads so both say the same thing. No secrets: masked hints only.
import type { ConnectionView } from "./connection-view";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A connected account. */
export function connectedAccountV3(c: ConnectionView) {
  return {
    id: c.id,
    user_id: c.entityId,
    status: c.status,
    status_reason: c.statusReason,
    is_disabled: !c.enabled,
    toolkit: { slug: c.appKey },
    auth_config: {
      id: c.integrationId,
      is_composio_managed: false,
      is_disabled: !c.integrationEnabled,
    },
    state: {
      authScheme: c.authScheme,
      val: { status: c.status, ...c.credentialHints, ...c.connectionParams },
    },
    data: { ...c.credentialHints, ...c.connectionParams },
    params: {},
    upstream_identity: c.upstreamIdentity,
    granted_scopes: c.grantedScopes,
    expires_at: iso(c.expiresAt),
    labels: c.labels,
    alias: c.alias,
    test_request_endpoint: "",
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
    last_used_at: iso(c.lastUsedAt),
    last_refreshed_at: iso(c.lastRefreshedAt),
  };
}
