// Connect links: short-lived (KEYPORT_FLOW_TTL_SECONDS), single-connection, read nothing (SECURITY.md 26).
import { and, eq, isNull } from "drizzle-orm";
import { connections, linkTokens } from "@/db/schema";
import { keyedHash, randomToken } from "@/lib/crypto";
import type { DbOrTx } from "./webhooks/outbox";
import type { Actor, Deps } from "./deps";
import { recordEvent } from "./events";
import { newId } from "./ids";

export interface ConnectLink {
  id: string; // ln_…
  token: string;
  redirectUrl: string;
  expiresAt: Date;
}

/** Issue a new connect link for a connection (new or reconnect: the connection id stays the same). */
export async function issueLink(
  deps: Pick<Deps, "pepper" | "publicUrl" | "flowTtlSeconds">,
  db: DbOrTx,
  input: { projectId: string; connectionId: string; actor: Actor },
): Promise<ConnectLink> {
  const token = randomToken(32);
  const expiresAt = new Date(Date.now() + deps.flowTtlSeconds * 1000);
  const id = newId("ln");
  // One live link per connection: a new one retires the older unused ones, and the callback
  // refuses any flow still parked at the provider from them (lib/core/flows.ts).
  await db
    .update(linkTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(linkTokens.connectionId, input.connectionId), isNull(linkTokens.usedAt)));
  await db.insert(linkTokens).values({
    hash: keyedHash(deps.pepper, token),
    id,
    connectionId: input.connectionId,
    projectId: input.projectId,
    expiresAt,
  });
  // The abandoned-flow sweep measures from the newest link.
  await db
    .update(connections)
    .set({ updatedAt: new Date() })
    .where(and(eq(connections.projectId, input.projectId), eq(connections.id, input.connectionId)));
  await recordEvent(db, {
    connectionId: input.connectionId,
    projectId: input.projectId,
    type: "link_created",
    actor: input.actor,
    detail: `Connect link ${id}, valid until ${expiresAt.toISOString()}`,
  });
  return { id, token, redirectUrl: `${deps.publicUrl}/link/${token}`, expiresAt };
}
