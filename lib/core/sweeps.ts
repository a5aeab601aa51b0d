// Background sweeps, safe with several instances (FOR UPDATE SKIP LOCKED).
import {
  and,
  asc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  notInArray,
  or,
  sql,
} from "drizzle-orm";
import {
  authFlows,
  connections,
  integrations,
  type Connection,
  type Integration,
} from "@/db/schema";
import { getApp } from "@/lib/catalog";
import { logError } from "@/lib/log";
import type { Tx } from "@/db";
import { deferRefresh, refreshLockedRow, SWEEP_AHEAD_MS } from "./refresh";
import { systemActor, type Deps } from "./deps";
import { recordEvent } from "./events";
import { deleteExpiredOperatorSessions } from "./operator-sessions";
import { deleteRefilledSignInLimits } from "./sign-in-limits";

/**
 * Connections left INITIATED longer than the flow TTL become EXPIRED and abandoned (their own
 * mark, kept out of "Needs attention"); abandoned ones past the retention, expired flows, refilled
 * sign-in limits and expired sessions are deleted. Returns how many expired.
 */
export async function expireAbandonedFlows(
  deps: Pick<Deps, "db" | "flowTtlSeconds" | "abandonedRetentionDays">,
  batch = 500,
): Promise<number> {
  const cutoff = new Date(Date.now() - deps.flowTtlSeconds * 1000);
  const reason = `The end user did not finish connecting within ${Math.round(deps.flowTtlSeconds / 60)} minutes`;
  const expired = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: connections.id, projectId: connections.projectId })
      .from(connections)
      .where(
        and(
          eq(connections.status, "INITIATED"),
          lt(connections.updatedAt, cutoff),
          // Someone who opened the link late may still be at the provider: wait for their flow.
          sql`not exists (select 1 from ${authFlows} where ${authFlows.connectionId} = ${connections.id} and ${authFlows.expiresAt} > now())`,
        ),
      )
      .limit(batch)
      .for("update", { skipLocked: true });
    if (rows.length === 0) return rows;
    await tx
      .update(connections)
      .set({ status: "EXPIRED", statusReason: reason, abandonedAt: new Date() })
      .where(
        inArray(
          connections.id,
          rows.map((r) => r.id),
        ),
      );
    for (const r of rows) {
      await recordEvent(tx, {
        connectionId: r.id,
        projectId: r.projectId,
        type: "expired",
        actor: systemActor,
        detail: reason,
      });
    }
    return rows;
  });
  await deps.db.delete(authFlows).where(lt(authFlows.expiresAt, sql`now()`));
  await deleteAbandonedLinks(deps);
  // The same sweep drops other expired rows: refilled sign-in limits and ended sessions.
  await deleteRefilledSignInLimits(deps);
  await deleteExpiredOperatorSessions(deps);
  return expired.length;
}

export const DEFAULT_ABANDONED_RETENTION_DAYS = 7;

/**
 * Delete connections that were abandoned links (never connected) longer than the retention
 * (KEYPORT_ABANDONED_RETENTION_DAYS), `batch` at a time on connections_abandoned_at_idx; their
 * events, links and flows go with them (cascade). Returns how many were deleted.
 */
export async function deleteAbandonedLinks(
  deps: Pick<Deps, "db" | "abandonedRetentionDays">,
  batch = 500,
): Promise<number> {
  const days = deps.abandonedRetentionDays ?? DEFAULT_ABANDONED_RETENTION_DAYS;
  const cutoff = new Date(Date.now() - days * 86_400_000);
  const gone = await deps.db
    .delete(connections)
    .where(
      inArray(
        connections.id,
        deps.db
          .select({ id: connections.id })
          .from(connections)
          .where(
            and(
              lt(connections.abandonedAt, cutoff),
              // Still the abandoned link: a reconnect since made it INITIATED or ACTIVE again.
              eq(connections.status, "EXPIRED"),
            ),
          )
          .limit(batch),
      ),
    )
    .returning({ id: connections.id });
  return gone.length;
}

/**
 * Refresh OAuth 2 tokens that expire within 10 minutes, soonest first; returns how many were
 * refreshed. One row per transaction, so a row lock lasts one token request (a call waiting for
 * that token gives up after 30 s) and each instance takes the next row the others have not locked.
 * Every row taken leaves the queue: refreshed, EXPIRED, or backed off (`next_refresh_at`).
 */
export async function refreshExpiringTokens(
  deps: Deps,
  batch = 200,
  budgetMs = 20_000,
): Promise<number> {
  const taken: string[] = [];
  let refreshed = 0;
  const until = Date.now() + budgetMs;
  // Up to `batch` rows or `budgetMs` per run: a sweep keeps up with many tokens, yet ends.
  while (taken.length < batch && Date.now() < until) {
    const picked: { id?: string } = {};
    try {
      const out = await deps.db.transaction(async (tx) => {
        const [due] = await nextDue(tx, taken);
        if (!due) return null;
        picked.id = due.connection.id;
        return refreshDue(deps, tx, due);
      });
      if (out === null) break;
      taken.push(picked.id!);
      if (out) refreshed++;
    } catch (err) {
      if (!picked.id) throw err;
      // An unexpected error (a key missing from the keyring…) must not keep the row at the head
      // of the queue, where it would be taken again every sweep before any other.
      taken.push(picked.id);
      logError(`token refresh of ${picked.id} failed`, err);
      await deferAfterError(deps, picked.id);
    }
  }
  return refreshed;
}

/** The due token that expires first, locked; rows already taken by this sweep are skipped. */
function nextDue(tx: Tx, taken: string[]) {
  const now = new Date();
  return tx
    .select({ connection: connections, integration: integrations })
    .from(connections)
    .innerJoin(integrations, eq(integrations.id, connections.integrationId))
    .where(
      and(
        // (status, expires_at) is connections_expiry_idx, read in order until one row matches.
        eq(connections.status, "ACTIVE"),
        lt(connections.expiresAt, new Date(now.getTime() + SWEEP_AHEAD_MS)),
        eq(connections.enabled, true),
        eq(connections.authScheme, "OAUTH2"),
        isNotNull(connections.credentialsEnc),
        or(isNull(connections.nextRefreshAt), lte(connections.nextRefreshAt, now)),
        taken.length ? notInArray(connections.id, taken) : undefined,
      ),
    )
    .orderBy(asc(connections.expiresAt))
    .limit(1)
    .for("update", { of: connections, skipLocked: true });
}

async function refreshDue(
  deps: Deps,
  tx: Tx,
  { connection, integration }: { connection: Connection; integration: Integration },
): Promise<boolean> {
  const app = getApp(connection.appKey, { sandboxOrigin: deps.sandboxOrigin });
  const scheme = app?.authSchemes.find((s) => s.mode === "OAUTH2");
  if (!app || !scheme?.oauth2) {
    // Back off rather than expire: during a rolling deploy another instance may know the app.
    await deferRefresh(tx, connection, `The app "${connection.appKey}" is not available here`);
    return false;
  }
  const out = await refreshLockedRow(deps, tx, connection, { integration, app, scheme });
  return "secrets" in out;
}

async function deferAfterError(deps: Deps, id: string): Promise<void> {
  try {
    await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(connections)
        .where(and(eq(connections.id, id), eq(connections.status, "ACTIVE")))
        .for("update", { skipLocked: true });
      if (row) await deferRefresh(tx, row, "The token refresh failed unexpectedly");
    });
  } catch (err) {
    logError(`token refresh of ${id}: could not record the failure`, err);
  }
}
