// Token refresh (SECURITY.md 9–10): single-flight per database handle (one per process) + a
// Postgres row lock across processes. A token is due at min(5 min, half its lifetime) before it
// expires, so a short-lived token is refreshed once per half-life, not on every call.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { connections, type Connection, type Integration } from "@/db/schema";
import type { AppDef, AuthSchemeDef } from "@/lib/catalog/types";
import { refreshTokens, resolvePins } from "@/lib/oauth/oauth2";
import { fillUrl } from "./apps";
import { systemActor, type Actor, type Deps } from "./deps";
import { AppError } from "./errors";
import { recordEvent } from "./events";
import { bindings } from "./bindings";
import { integrationSecrets } from "./integrations";
import { hintsOf, seal, unseal, type SecretBag } from "./sealed";
import { providerWords, tokenErrorReason, tokenFailureKind } from "@/lib/oauth/token-errors";
import { policyFor, type CredentialContext } from "./upstream";

/** A call refreshes the token first when it expires within this (or half its lifetime, if shorter). */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** The background sweep refreshes tokens that expire within this. */
export const SWEEP_AHEAD_MS = 10 * 60 * 1000;
const NO_REFRESH_TOKEN = "The provider gave no refresh token; the end user must reconnect";
/** Refreshes under way, per database handle: two handles on one database act as two instances. */
const flightsByDb = new WeakMap<object, Map<string, Promise<SecretBag>>>();

type Lifetime = Pick<Connection, "expiresAt"> & Partial<Pick<Connection, "lastRefreshedAt">>;

/**
 * How long before its expiry a token is due: min(margin, half its lifetime), the lifetime being
 * what the stored row says (issued at `last_refreshed_at`, set by activation and every refresh,
 * until `expires_at`). Unknown lifetime: the full margin.
 */
export function dueMarginMs(c: Lifetime, margin = REFRESH_MARGIN_MS): number {
  if (!c.expiresAt || !c.lastRefreshedAt) return margin;
  const lifetime = c.expiresAt.getTime() - c.lastRefreshedAt.getTime();
  return lifetime > 0 ? Math.min(margin, lifetime / 2) : margin;
}

/** Whether a token must be refreshed before use: it expires within `dueMarginMs`. */
export function needsRefresh(
  c: Pick<Connection, "authScheme"> & Lifetime,
  now = Date.now(),
): boolean {
  return (
    c.authScheme === "OAUTH2" &&
    c.expiresAt !== null &&
    c.expiresAt.getTime() - now < dueMarginMs(c)
  );
}

const hasExpired = (c: Pick<Connection, "expiresAt">, now = Date.now()) =>
  c.expiresAt !== null && c.expiresAt.getTime() <= now;

/** How long the sweep leaves a token alone after `failures` transient failures in a row: 1 min, 2, 4 … at most 1 h. */
export function refreshBackoffMs(failures: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.min(Math.max(failures - 1, 0), 6));
}

/** After a transient failure, calls on an expired token try again at most this often (per connection, every instance). */
export const CALL_RETRY_MS = 60_000;

type DueRow = Pick<Connection, "expiresAt" | "refreshFailures" | "nextRefreshAt">;

/** When the last transient refresh failure happened (`deferRefresh` set the backoff from it), or null. */
function lastFailureAt(c: DueRow): number | null {
  if (c.refreshFailures === 0 || !c.nextRefreshAt) return null;
  return c.nextRefreshAt.getTime() - refreshBackoffMs(c.refreshFailures);
}

/**
 * What a call (not a forced refresh) does with a token that is due. While the token still works it
 * is used without a refresh when nothing can renew it or during the sweep's backoff, so an outage
 * at the provider's token endpoint costs no calls and no token requests. Once it has expired, a
 * call refreshes, but waits out CALL_RETRY_MS after a transient failure: no retry storm.
 */
export function dueAction(
  c: DueRow,
  current: SecretBag,
  now = Date.now(),
): "use" | "refresh" | { retryInMs: number } {
  if (!hasExpired(c, now)) {
    const backingOff = c.refreshFailures > 0 && (c.nextRefreshAt?.getTime() ?? 0) > now;
    return !current.refresh_token || backingOff ? "use" : "refresh";
  }
  const last = lastFailureAt(c);
  return last !== null && now - last < CALL_RETRY_MS
    ? { retryInMs: last + CALL_RETRY_MS - now }
    : "refresh";
}

export interface RefreshCtx {
  connection: Connection;
  integration: Integration;
  app: AppDef;
  scheme: AuthSchemeDef;
  actor?: Actor;
  force?: boolean;
}

/**
 * Everything a call for this connection needs to carry its credential: fresh secrets, the
 * scheme, and for OAuth 1 the integration's consumer key and secret. Execute and proxy share it.
 */
export async function callCredentials(deps: Deps, ctx: RefreshCtx): Promise<CredentialContext> {
  const secrets = await freshSecrets(deps, ctx);
  const consumer =
    ctx.scheme.mode === "OAUTH1"
      ? {
          key: ctx.integration.clientId ?? "",
          secret: integrationSecrets(deps, ctx.integration).client_secret ?? "",
        }
      : undefined;
  return { scheme: ctx.scheme, secrets, consumer };
}

/** Decrypted credentials of connection rows, by the row object (see currentSecrets). */
const opened = new WeakMap<
  Connection,
  { enc: string; keyring: Deps["keyring"]; secrets: SecretBag }
>();

/**
 * The row's credentials, decrypted once per row object: rows served from the connection cache
 * are shared and never mutated, and any change to a connection (a refresh included) replaces the
 * cached row, so the decrypted bag goes with the row it came from. Frozen: callers only read it.
 */
function currentSecrets(deps: Deps, c: Connection, enc: string): SecretBag {
  const hit = opened.get(c);
  if (hit && hit.enc === enc && hit.keyring === deps.keyring) return hit.secrets;
  const secrets = Object.freeze(unseal(deps, bindings.connectionCredentials(c.id), enc));
  opened.set(c, { enc, keyring: deps.keyring, secrets });
  return secrets;
}

/** The connection's current secrets, refreshed first when they expire within 5 minutes (or when forced). */
export async function freshSecrets(deps: Deps, ctx: RefreshCtx): Promise<SecretBag> {
  const c = ctx.connection;
  if (!c.credentialsEnc)
    throw new AppError("bad_request", `Connected account ${c.id} has no credentials`);
  if (!ctx.force) {
    const current = currentSecrets(deps, c, c.credentialsEnc);
    if (!needsRefresh(c)) return current;
    const todo = dueAction(c, current);
    if (todo === "use") return current;
    if (todo !== "refresh") throw retryLater(c, todo.retryInMs);
  }
  let flights = flightsByDb.get(deps.db);
  if (!flights) {
    flights = new Map<string, Promise<SecretBag>>();
    flightsByDb.set(deps.db, flights);
  }
  let flight = flights.get(c.id);
  if (!flight) {
    const mine = flights;
    flight = refreshLocked(deps, ctx).finally(() => mine.delete(c.id));
    flights.set(c.id, flight);
  }
  return flight;
}

/**
 * What one refresh attempt came to: new secrets, or why not. `expired`: the connection is now
 * EXPIRED (the provider refused the grant); `failed`: it is now FAILED because the provider
 * refused the integration's client credentials; `transient`: the sweep backs off and tries
 * again; `refused`: nothing to do, nothing changed (`current` is set when the token in hand
 * still works).
 */
export type RefreshOutcome =
  | { secrets: SecretBag }
  | {
      failure: string;
      kind: "expired" | "failed" | "transient" | "refused";
      current?: SecretBag;
    };
/** A transaction of `deps.db`. */

/** Refresh one connection whose row the transaction has locked. Saves rotated tokens in the same transaction. */
export async function refreshLockedRow(
  deps: Deps,
  tx: Tx,
  row: Connection,
  ctx: Omit<RefreshCtx, "connection">,
): Promise<RefreshOutcome> {
  const s = ctx.scheme.oauth2;
  if (!s) return { failure: "Only OAuth 2.0 connections can be refreshed", kind: "refused" };
  if (!row.credentialsEnc)
    return { failure: "The connection no longer has credentials", kind: "refused" };
  const current = unseal(deps, bindings.connectionCredentials(row.id), row.credentialsEnc);
  if (row.status !== "ACTIVE")
    return { failure: `The connection is ${row.status}`, kind: "refused" };
  if (!current.refresh_token) {
    // Nothing can renew this token, yet the provider accepts it until it expires: EXPIRED now
    // would refuse calls that still work. It stays ACTIVE until then, and the sweep comes back
    // at the expiry instead of every 30 s. A token without an expiry stays usable.
    if (!hasExpired(row)) {
      if (row.expiresAt && row.nextRefreshAt?.getTime() !== row.expiresAt.getTime()) {
        await tx
          .update(connections)
          .set({ nextRefreshAt: row.expiresAt })
          .where(eq(connections.id, row.id));
      }
      return { failure: NO_REFRESH_TOKEN, kind: "refused", current };
    }
    await endLockedRow(tx, row, "EXPIRED", NO_REFRESH_TOKEN);
    return { failure: NO_REFRESH_TOKEN, kind: "expired" };
  }
  const policy = policyFor(deps, ctx.app);
  const clientSecret = integrationSecrets(deps, ctx.integration).client_secret ?? "";
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
        clientSecret,
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
    const lifetimeMs = tokens.expiresIn ? tokens.expiresIn * 1000 : null;
    await tx
      .update(connections)
      .set({
        credentialsEnc: seal(deps, bindings.connectionCredentials(row.id), next),
        keyId: deps.keyring.currentKeyId,
        credentialHints: hintsOf(next),
        expiresAt: lifetimeMs ? new Date(Date.now() + lifetimeMs) : null,
        lastRefreshedAt: new Date(),
        refreshFailures: 0,
        // A token that lives less than the sweep's lookahead would be due again at once: the
        // sweep waits half its life instead of refreshing it every 30 s.
        nextRefreshAt:
          lifetimeMs && lifetimeMs < SWEEP_AHEAD_MS ? new Date(Date.now() + lifetimeMs / 2) : null,
        ...(tokens.scope ? { grantedScopes: tokens.scope.split(/[\s,]+/).filter(Boolean) } : {}),
      })
      .where(eq(connections.id, row.id));
    await recordEvent(tx, {
      connectionId: row.id,
      projectId: row.projectId,
      type: "refreshed",
      actor: ctx.actor ?? systemActor,
      recovered: row.refreshFailures > 0,
    });
    return { secrets: next };
  } catch (err) {
    // The provider's words, with any secret it might echo cut out.
    const secrets = [current.refresh_token, current.access_token, clientSecret].filter(
      (v): v is string => Boolean(v),
    );
    const reason = tokenErrorReason(err, secrets).replace("token request", "token refresh");
    switch (tokenFailureKind(err)) {
      case "grant":
        // The grant is gone (invalid_grant, GitHub's 200 bad_refresh_token…): EXPIRED at once, no retries.
        await endLockedRow(tx, row, "EXPIRED", reason);
        return { failure: reason, kind: "expired" };
      case "client": {
        // The integration's client ID or secret is at fault, not the end user: say so.
        const { id, name } = ctx.integration;
        const why = `The provider refused the client credentials of integration ${id} ("${name}") at the token refresh: ${providerWords(err, secrets)}. Fix the integration's client ID and secret; the end user must then reconnect`;
        await endLockedRow(tx, row, "FAILED", why);
        return { failure: why, kind: "failed" };
      }
      case "transient":
        break;
    }
    await deferRefresh(tx, row, reason);
    // The token in hand may still work: a call uses it (a forced refresh reports the failure).
    return { failure: reason, kind: "transient", current: hasExpired(row) ? undefined : current };
  }
}

/**
 * End a refused connection: EXPIRED (the grant is gone) or FAILED (the integration's client was
 * refused), with a reason and one matching event; the sweep never picks the row again.
 */
export async function endLockedRow(
  tx: Tx,
  row: Connection,
  status: "EXPIRED" | "FAILED",
  reason: string,
): Promise<void> {
  await tx
    .update(connections)
    .set({ status, statusReason: reason, refreshFailures: 0, nextRefreshAt: null })
    .where(eq(connections.id, row.id));
  await recordEvent(tx, {
    connectionId: row.id,
    projectId: row.projectId,
    type: status === "EXPIRED" ? "expired" : "failed",
    actor: systemActor,
    detail: reason,
  });
}

/**
 * A transient failure (network, provider 5xx…) of a locked, ACTIVE row: one `refresh_failed`
 * event and the sweep's backoff; calls hold back as `dueAction` says.
 */
export async function deferRefresh(tx: Tx, row: Connection, reason: string): Promise<void> {
  const failures = row.refreshFailures + 1;
  const waitMs = refreshBackoffMs(failures);
  await tx
    .update(connections)
    .set({ refreshFailures: failures, nextRefreshAt: new Date(Date.now() + waitMs) })
    .where(eq(connections.id, row.id));
  await recordEvent(tx, {
    connectionId: row.id,
    projectId: row.projectId,
    type: "refresh_failed",
    actor: systemActor,
    detail: `${reason} (transient; the connection stays ACTIVE; next automatic try in ${Math.round(waitMs / 60_000)} min)`,
  });
}

/** The transient error of a call that waits out CALL_RETRY_MS instead of asking the provider again. */
function retryLater(c: Pick<Connection, "id" | "refreshFailures">, retryInMs: number): AppError {
  const failures =
    c.refreshFailures === 1 ? "failed" : `failed ${c.refreshFailures} times in a row`;
  return new AppError(
    "upstream_error",
    `Token refresh failed for now: the last refresh of connected account ${c.id} ${failures} and the token has expired; calls try again in ${Math.ceil(retryInMs / 1000)} s.`,
    { connected_account_id: c.id, transient: true, retry_after_ms: Math.ceil(retryInMs) },
  );
}

async function refreshLocked(deps: Deps, ctx: RefreshCtx): Promise<SecretBag> {
  const seen = ctx.connection.credentialsEnc;
  const outcome: RefreshOutcome | { wait: number; row: Connection } = await deps.db.transaction(
    async (tx) => {
      // The HTTP timeout (15 s) is shorter than the lock wait, so a stuck refresh never blocks forever.
      await tx.execute(sql`set local lock_timeout = '30s'`);
      const [row] = await tx
        .select()
        .from(connections)
        .where(eq(connections.id, ctx.connection.id))
        .for("update");
      if (!row?.credentialsEnc)
        return { failure: "The connection no longer has credentials", kind: "refused" } as const;
      // Re-read after the lock: another process may have refreshed, or failed to, while we waited.
      if (row.credentialsEnc !== seen && (!needsRefresh(row) || ctx.force)) {
        return {
          secrets: unseal(deps, bindings.connectionCredentials(row.id), row.credentialsEnc),
        };
      }
      if (!ctx.force && row.status === "ACTIVE") {
        const current = unseal(deps, bindings.connectionCredentials(row.id), row.credentialsEnc);
        const todo = dueAction(row, current);
        if (todo === "use") return { secrets: current };
        if (todo !== "refresh") return { wait: todo.retryInMs, row };
      }
      return refreshLockedRow(deps, tx, row, ctx);
    },
  );
  if ("wait" in outcome) throw retryLater(outcome.row, outcome.wait);
  if ("secrets" in outcome) return outcome.secrets;
  if (outcome.current && !ctx.force) return outcome.current;
  const id = ctx.connection.id;
  const details = { connected_account_id: id, transient: outcome.kind === "transient" };
  switch (outcome.kind) {
    case "expired": {
      const reconnect = outcome.failure.endsWith("must reconnect")
        ? ""
        : ". The end user must reconnect";
      throw new AppError(
        "upstream_error",
        `Connected account ${id} is EXPIRED: ${outcome.failure}${reconnect}.`,
        details,
      );
    }
    case "failed":
      throw new AppError(
        "upstream_error",
        `Connected account ${id} is FAILED: ${outcome.failure}.`,
        {
          ...details,
          integration_id: ctx.integration.id,
        },
      );
    case "transient":
      throw new AppError(
        "upstream_error",
        `Token refresh failed for now: ${outcome.failure}`,
        details,
      );
    case "refused":
      throw new AppError(
        "bad_request",
        `Connected account ${id} cannot be refreshed: ${outcome.failure}`,
        details,
      );
  }
}
