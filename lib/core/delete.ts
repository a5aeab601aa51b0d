// Delete a connection: revoke upstream first (RFC 7009 or the app's endpoint), then erase the secrets.
import { and, eq } from "drizzle-orm";
import { connections } from "@/db/schema";
import { resolvePins, revokeToken } from "@/lib/oauth/oauth2";
import { fillUrl, requireApp, requireScheme } from "./apps";
import { recordAudit } from "./audit";
import type { Actor, Deps } from "./deps";
import { notFound } from "./errors";
import { bindings } from "./bindings";
import { getIntegrationRow, integrationSecrets } from "./integrations";
import { unseal } from "./sealed";
import { tokenErrorReason } from "@/lib/oauth/token-errors";
import { policyFor } from "./upstream";
import { connectionViewIn, publishConnectionEvent } from "./webhooks/connection-events";

export interface DeleteResult {
  /** true: revoked upstream; false: revoke failed (see revokeError); null: nothing to revoke. */
  revoked: boolean | null;
  revokeError?: string;
}

/** Revoke a connection's OAuth 2 tokens upstream; null when the app has no revocation endpoint. */
async function revokeUpstream(
  deps: Deps,
  row: typeof connections.$inferSelect,
): Promise<DeleteResult> {
  if (row.authScheme !== "OAUTH2" || !row.credentialsEnc) return { revoked: null };
  const app = requireApp(deps, row.appKey);
  const s = requireScheme(app, row.authScheme).oauth2;
  if (!s) return { revoked: null };
  const policy = policyFor(deps, app);
  const integration = await getIntegrationRow(deps, {
    projectId: row.projectId,
    id: row.integrationId,
  });
  try {
    const pins = await resolvePins(
      {
        issuer: s.issuer,
        authorizeUrl: fillUrl(s.authorizeUrl, app, row.connectionParams),
        tokenUrl: integration.tokenUrl ?? fillUrl(s.tokenUrl, app, row.connectionParams),
        revokeUrl: s.revokeUrl && fillUrl(s.revokeUrl, app, row.connectionParams),
      },
      policy,
    );
    if (!pins.revocationEndpoint) return { revoked: null };
    const secrets = unseal(deps, bindings.connectionCredentials(row.id), row.credentialsEnc);
    const client = {
      clientId: integration.clientId ?? "",
      clientSecret: integrationSecrets(deps, integration).client_secret ?? "",
      authMethod: s.tokenAuthMethod,
    };
    // The refresh token first: revoking it ends the whole grant at most providers.
    if (secrets.refresh_token) {
      await revokeToken({
        pins,
        client,
        token: secrets.refresh_token,
        hint: "refresh_token",
        policy,
      });
    }
    if (secrets.access_token)
      await revokeToken({
        pins,
        client,
        token: secrets.access_token,
        hint: "access_token",
        policy,
      });
    return { revoked: true };
  } catch (err) {
    return {
      revoked: false,
      revokeError: tokenErrorReason(err).replace("token request", "revocation"),
    };
  }
}

/** Delete a connection (revoking upstream unless told not to); the secrets are erased with the row. */
export async function deleteConnection(
  deps: Deps,
  input: { projectId: string; id: string; revoke?: boolean; actor: Actor },
): Promise<DeleteResult> {
  const [row] = await deps.db
    .select()
    .from(connections)
    .where(and(eq(connections.projectId, input.projectId), eq(connections.id, input.id)));
  if (!row) throw notFound("Connected account");
  const result = input.revoke === false ? { revoked: null } : await revokeUpstream(deps, row);
  // The webhooks are written with the delete (outbox), from the view read just before it.
  await deps.db.transaction(async (tx) => {
    const view = await connectionViewIn(tx, input.projectId, input.id);
    await tx
      .delete(connections)
      .where(and(eq(connections.projectId, input.projectId), eq(connections.id, input.id)));
    const event = { connectionId: input.id, projectId: input.projectId, actor: input.actor, view };
    if (result.revoked) await publishConnectionEvent(tx, { ...event, type: "revoked" });
    await publishConnectionEvent(tx, { ...event, type: "deleted" });
  });
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: "connection.delete",
    objectType: "connection",
    objectId: input.id,
    detail: {
      app: row.appKey,
      from: { status: row.status, enabled: row.enabled },
      to: "deleted",
      revoked: result.revoked,
      ...(result.revokeError ? { revokeError: result.revokeError } : {}),
    },
  });
  return result;
}
