// Background sweeps, safe with several instances (FOR UPDATE SKIP LOCKED).
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { authFlows, connections } from "@/db/schema";
import { systemActor, type Deps } from "./deps";
import { recordEvent } from "./events";

/** Connections left INITIATED longer than the flow TTL become EXPIRED; expired flows are deleted. Returns how many expired. */
export async function expireAbandonedFlows(deps: Pick<Deps, "db" | "flowTtlSeconds">, batch = 500): Promise<number> {
  const cutoff = new Date(Date.now() - deps.flowTtlSeconds * 1000);
  const reason = `The end user did not finish connecting within ${Math.round(deps.flowTtlSeconds / 60)} minutes`;
  const expired = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: connections.id, projectId: connections.projectId })
      .from(connections)
      .where(and(eq(connections.status, "INITIATED"), lt(connections.updatedAt, cutoff)))
      .limit(batch)
      .for("update", { skipLocked: true });
    if (rows.length === 0) return rows;
    await tx
      .update(connections)
      .set({ status: "EXPIRED", statusReason: reason })
      .where(inArray(connections.id, rows.map((r) => r.id)));
    for (const r of rows) {
      await recordEvent(tx, { connectionId: r.id, projectId: r.projectId, type: "expired", actor: systemActor, detail: reason });
    }
    return rows;
  });
  await deps.db.delete(authFlows).where(lt(authFlows.expiresAt, sql`now()`));
  return expired.length;
}
