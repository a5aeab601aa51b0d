// Token refresh (SECURITY.md 9–10): single-flight per process + a Postgres row lock across processes.
import { eq, sql } from "drizzle-orm";
import { connections, type Connection, type Integration } from "@/db/schema";
import type { AppDef, AuthSchemeDef } from "@/lib/catalog/types";
import { oauth, refreshTokens, resolvePins } from "@/lib/oauth/oauth2";
import { fillUrl } from "./apps";
import { systemActor, type Actor, type Deps } from "./deps";
import { AppError } from "./errors";
import { recordEvent } from "./events";
import { credentialsBinding } from "./initiate";
import { integrationSecrets } from "./integrations";
import { hintsOf, seal, unseal, type SecretBag } from "./sealed";
import { tokenErrorReason } from "./connect-flow";
import { policyFor } from "./upstream";

export const REFRESH_MARGIN_MS = 5 * 60 * 1000;
const flights = new Map<string, Promise<SecretBag>>();

/** Whether a token must be refreshed before use. */
export function needsRefresh(
  c: Pick<Connection, "authScheme" | "expiresAt">,
  now = Date.now(),
): boolean {
  return (
    c.authScheme === "OAUTH2" &&
    c.expiresAt !== null &&
    c.expiresAt.getTime() - now < REFRESH_MARGIN_MS
  );
}

interface RefreshCtx {
  connection: Connection;
  integration: Integration;
  app: AppDef;
  scheme: AuthSchemeDef;
  actor?: Actor;
  force?: boolean;
}

/** The connection's current secrets, refreshed first when they expire within 5 minutes (or when forced). */
export async function freshSecrets(deps: Deps, ctx: RefreshCtx): Promise<SecretBag> {
  const c = ctx.connection;
  if (!c.credentialsEnc)
    throw new AppError("bad_request", `Connected account ${c.id} has no credentials`);
  if (!ctx.force && !needsRefresh(c))
    return unseal(deps, credentialsBinding(c.id), c.credentialsEnc);
  let flight = flights.get(c.id);
  if (!flight) {
    flight = refreshLocked(deps, ctx).finally(() => flights.delete(c.id));
    flights.set(c.id, flight);
  }
  return flight;
}

type Outcome = { secrets: SecretBag } | { failure: string; permanent: boolean };
type Tx = Parameters<Parameters<Deps["db"]["transaction"]>[0]>[0];

/** Refresh one connection whose row the transaction has locked. Saves rotated tokens in the same transaction. */
export async function refreshLockedRow(
  deps: Deps,
  tx: Tx,
  row: Connection,
  ctx: Omit<RefreshCtx, "connection">,
): Promise<Outcome> {
  const s = ctx.scheme.oauth2;
  if (!s) return { failure: "Only OAuth 2.0 connections can be refreshed", permanent: true };
  if (!row.credentialsEnc)
    return { failure: "The connection no longer has credentials", permanent: true };
  const current = unseal(deps, credentialsBinding(row.id), row.credentialsEnc);
  if (row.status !== "ACTIVE")
    return { failure: `The connection is ${row.status}`, permanent: true };
  if (!current.refresh_token)
    return {
      failure: "The provider gave no refresh token; the end user must reconnect",
      permanent: true,
    };
  const policy = policyFor(deps, ctx.app);
  try {
    const pins = await resolvePins(
      {
        issuer: s.issuer,
        authorizeUrl: fillUrl(s.authorizeUrl, ctx.app, row.connectionParams),
        tokenUrl: ctx.integration.tokenUrl ?? fillUrl(s.tokenUrl, ctx.app, row.connectionParams),
      },
      policy,
    );
    const tokens = await refreshTokens({
      pins,
      client: {
        clientId: ctx.integration.clientId ?? "",
        clientSecret: integrationSecrets(deps, ctx.integration).client_secret ?? "",
        authMethod: s.tokenAuthMethod,
      },
      refreshToken: current.refresh_token,
      policy,
    });
    // Keep the old refresh token when the provider returns none.
    const next: SecretBag = {
      ...current,
      access_token: tokens.accessToken,
      token_type: tokens.tokenType,
    };
    if (tokens.refreshToken) next.refresh_token = tokens.refreshToken;
    await tx
      .update(connections)
      .set({
        credentialsEnc: seal(deps, credentialsBinding(row.id), next),
        keyId: deps.keyring.currentKeyId,
        credentialHints: hintsOf(next),
        expiresAt: tokens.expiresIn ? new Date(Date.now() + tokens.expiresIn * 1000) : null,
        lastRefreshedAt: new Date(),
        ...(tokens.scope ? { grantedScopes: tokens.scope.split(/[\s,]+/).filter(Boolean) } : {}),
      })
      .where(eq(connections.id, row.id));
    await recordEvent(tx, {
      connectionId: row.id,
      projectId: row.projectId,
      type: "refreshed",
      actor: ctx.actor ?? systemActor,
    });
    return { secrets: next };
  } catch (err) {
    const permanent = err instanceof oauth.ResponseBodyError && err.error === "invalid_grant";
    const reason = tokenErrorReason(err).replace("token request", "token refresh");
    if (permanent) {
      // invalid_grant: the grant is gone — EXPIRED at once, no retries.
      await tx
        .update(connections)
        .set({ status: "EXPIRED", statusReason: reason })
        .where(eq(connections.id, row.id));
      await recordEvent(tx, {
        connectionId: row.id,
        projectId: row.projectId,
        type: "expired",
        actor: systemActor,
        detail: reason,
      });
    } else {
      await recordEvent(tx, {
        connectionId: row.id,
        projectId: row.projectId,
        type: "refresh_failed",
        actor: systemActor,
        detail: `${reason} (transient; the connection stays ACTIVE)`,
      });
    }
    return { failure: reason, permanent };
  }
}

async function refreshLocked(deps: Deps, ctx: RefreshCtx): Promise<SecretBag> {
  const seen = ctx.connection.credentialsEnc;
  const outcome: Outcome = await deps.db.transaction(async (tx) => {
    // The HTTP timeout (15 s) is shorter than the lock wait, so a stuck refresh never blocks forever.
    await tx.execute(sql`set local lock_timeout = '30s'`);
    const [row] = await tx
      .select()
      .from(connections)
      .where(eq(connections.id, ctx.connection.id))
      .for("update");
    if (!row?.credentialsEnc)
      return { failure: "The connection no longer has credentials", permanent: true };
    // Re-read after the lock: another process may have refreshed while we waited.
    if (row.credentialsEnc !== seen && (!needsRefresh(row) || ctx.force)) {
      return { secrets: unseal(deps, credentialsBinding(row.id), row.credentialsEnc) };
    }
    return refreshLockedRow(deps, tx, row, ctx);
  });
  if ("secrets" in outcome) return outcome.secrets;
  throw new AppError(
    "upstream_error",
    outcome.permanent
      ? `Connected account ${ctx.connection.id} is EXPIRED: ${outcome.failure}. The end user must reconnect.`
      : `Token refresh failed for now: ${outcome.failure}`,
    { connected_account_id: ctx.connection.id, transient: !outcome.permanent },
  );
}
