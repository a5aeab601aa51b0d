// What the OAuth 2.0 and OAuth 1.0a flows share: parking a flow when the end user leaves for the
// provider, and at the callback opening it (single use, same browser, link still open), failing
// the connection with a reason, or storing the credentials and the upstream identity.
import { eq } from "drizzle-orm";
import {
  authFlows,
  connections,
  type AuthFlow,
  type Connection,
  type Integration,
} from "@/db/schema";
import type { AppDef, AuthSchemeDef } from "@/lib/catalog/types";
import { keyedHash } from "@/lib/crypto";
import { activateConnection, failConnection } from "./activate";
import { requireApp, requireScheme } from "./apps";
import { bindings } from "./bindings";
import type { Deps } from "./deps";
import { AppError } from "./errors";
import { outcomeUrl } from "./flow-urls";
import { consumeFlow, requireOpenLink } from "./flows";
import { getIntegrationRow } from "./integrations";
import type { LinkContext } from "./link-context";
import { seal } from "./sealed";
import { apiBaseFor, fetchIdentity, type CredentialContext } from "./upstream";

/** Park a flow until its callback: what the callback may use is pinned here (SECURITY.md 3). */
export async function parkFlow(
  deps: Deps,
  ctx: LinkContext,
  bindingToken: string,
  flow: {
    stateHash: string;
    issuer: string | null;
    tokenEndpoint: string;
    redirectUri: string;
    /** Secrets of the flow (PKCE verifier, OAuth 1 token secret), sealed with the link id. */
    secrets: Record<string, string>;
  },
): Promise<void> {
  await deps.db.insert(authFlows).values({
    stateHash: flow.stateHash,
    connectionId: ctx.connection.id,
    projectId: ctx.connection.projectId,
    appKey: ctx.app.key,
    issuer: flow.issuer,
    tokenEndpoint: flow.tokenEndpoint,
    redirectUri: flow.redirectUri,
    // The link id rides in the sealed bag: the callback refuses the flow once that link is closed.
    verifierEnc: seal(deps, bindings.flowVerifier(flow.stateHash), {
      ...flow.secrets,
      link: ctx.linkId,
    }),
    bindingHash: keyedHash(deps.pepper, bindingToken),
    expiresAt: new Date(Date.now() + deps.flowTtlSeconds * 1000),
  });
}

export interface OpenedFlow {
  flow: AuthFlow;
  conn: Connection;
  integration: Integration;
  app: AppDef;
  scheme: AuthSchemeDef;
  /** Mark the connection FAILED with a reason; returns where to send the browser. */
  fail: (reason: string, code: string) => Promise<string>;
  /** Store the credentials (and the upstream identity they show); returns where to send the browser. */
  succeed: (input: {
    credentials: CredentialContext;
    expiresAt?: Date | null;
    grantedScopes?: string[] | null;
    connectionParams?: Record<string, string>;
  }) => Promise<string>;
}

/**
 * Open a flow at its callback: consumed first (a replay finds nothing), refused when started in
 * another browser or when its link is no longer open; then its connection, integration and app.
 */
export async function openFlow(
  deps: Deps,
  stateHash: string,
  bindingToken: string | undefined,
): Promise<OpenedFlow> {
  const flow = await consumeFlow(deps, stateHash, bindingToken);
  // A flow parked before its link was used or replaced never completes (issue 11 item 2).
  const linkId = await requireOpenLink(deps, flow);
  const [conn] = await deps.db
    .select()
    .from(connections)
    .where(eq(connections.id, flow.connectionId));
  if (!conn) throw new AppError("not_found", "The connection no longer exists.");
  const integration = await getIntegrationRow(deps, {
    projectId: conn.projectId,
    id: conn.integrationId,
  });
  const app = requireApp(deps, conn.appKey);
  const scheme = requireScheme(app, conn.authScheme);
  return {
    flow,
    conn,
    integration,
    app,
    scheme,
    fail: async (reason, code) => {
      await failConnection(deps, {
        projectId: conn.projectId,
        connectionId: conn.id,
        reason,
        previousStatus: conn.status,
      });
      return outcomeUrl(deps, conn, {
        status: "failed",
        connectionId: conn.id,
        error: code,
        app: app.key,
      });
    },
    succeed: async ({ credentials, expiresAt, grantedScopes, connectionParams }) => {
      const params = connectionParams ?? conn.connectionParams;
      const base = apiBaseFor(app, params, integration.apiBaseUrl);
      const identity = await fetchIdentity(deps, { app, base, credentials });
      await activateConnection(deps, {
        projectId: conn.projectId,
        connectionId: conn.id,
        secrets: credentials.secrets,
        expiresAt,
        grantedScopes,
        identity,
        connectionParams,
        linkId,
      });
      return outcomeUrl(deps, conn, { status: "success", connectionId: conn.id, app: app.key });
    },
  };
}
