// Background sweeps, safe with several instances (FOR UPDATE SKIP LOCKED).
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { authFlows, connections, integrations } from "@/db/schema";
import { getApp } from "@/lib/catalog";
import { refreshLockedRow } from "./refresh";
import { systemActor, type Deps } from "./deps";
import { recordEvent } from "./events";

/** Connections left INITIATED longer than the flow TTL become EXPIRED; expired flows are deleted. Returns how many expired. */
export async function expireAbandonedFlows(
  deps: Pick<Deps, "db" | "flowTtlSeconds">,
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
      .set({ status: "EXPIRED", statusReason: reason })
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
  return expired.length;
}

/** Refresh OAuth 2 tokens that expire within 10 minutes; each instance takes rows the others have not locked. */
export async function refreshExpiringTokens(deps: Deps, batch = 5): Promise<number> {
  const soon = new Date(Date.now() + 10 * 60 * 1000);
  return deps.db.transaction(async (tx) => {
    const rows = await tx
      .select({ connection: connections, integration: integrations })
      .from(connections)
      .innerJoin(integrations, eq(integrations.id, connections.integrationId))
      .where(
        and(
          eq(connections.status, "ACTIVE"),
          eq(connections.enabled, true),
          eq(connections.authScheme, "OAUTH2"),
          lt(connections.expiresAt, soon),
          sql`${connections.credentialsEnc} is not null`,
        ),
      )
      .limit(batch)
      .for("update", { of: connections, skipLocked: true });
    let refreshed = 0;
    for (const { connection, integration } of rows) {
      const app = getApp(connection.appKey, { sandboxOrigin: deps.sandboxOrigin });
      const scheme = app?.authSchemes.find((s) => s.mode === "OAUTH2");
      if (!app || !scheme) continue;
      const out = await refreshLockedRow(deps, tx, connection, { integration, app, scheme });
      if ("secrets" in out) refreshed++;
    }
    return refreshed;
  });
}
