// The one way a connection becomes ACTIVE or FAILED after the end user acted.
import { and, eq, sql } from "drizzle-orm";
import { connections, type UpstreamIdentity } from "@/db/schema";
import type { Actor, Deps } from "./deps";
import { recordEvent } from "./events";
import { credentialsBinding } from "./initiate";
import { closeLinks } from "./link-context";
import { hintsOf, seal, type SecretBag } from "./sealed";

const endUser: Actor = { type: "end_user", label: "end user" };

/** Store fresh credentials and mark the connection ACTIVE (same id on reconnect). */
export async function activateConnection(
  deps: Deps,
  input: {
    projectId: string;
    connectionId: string;
    secrets: SecretBag;
    expiresAt?: Date | null;
    grantedScopes?: string[] | null;
    identity: UpstreamIdentity | null;
    connectionParams?: Record<string, string>;
    /** Who supplied the credentials: the end user by default, an API key for credential updates. */
    actor?: Actor;
  },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ hadCredentials: sql<boolean>`${connections.credentialsEnc} is not null` })
      .from(connections)
      .where(eq(connections.id, input.connectionId))
      .for("update");
    await tx
      .update(connections)
      .set({
        // A connection an operator disabled stays INACTIVE after a reconnect; enabling it restores ACTIVE.
        status: sql`case when ${connections.enabled} then 'ACTIVE' else 'INACTIVE' end`,
        statusReason: null,
        credentialsEnc: seal(deps, credentialsBinding(input.connectionId), input.secrets),
        keyId: deps.keyring.currentKeyId,
        credentialHints: hintsOf(input.secrets),
        expiresAt: input.expiresAt ?? null,
        grantedScopes: input.grantedScopes ?? null,
        upstreamIdentity: input.identity,
        upstreamLogin: input.identity?.login ?? input.identity?.id ?? null,
        lastRefreshedAt: new Date(),
        // New credentials: whatever the refresh sweep knew about the old ones no longer applies.
        refreshFailures: 0,
        nextRefreshAt: null,
        ...(input.connectionParams ? { connectionParams: input.connectionParams } : {}),
      })
      .where(
        and(eq(connections.projectId, input.projectId), eq(connections.id, input.connectionId)),
      );
    await closeLinks(tx, input.connectionId);
    const who = input.identity?.login ?? input.identity?.name ?? input.identity?.id;
    await recordEvent(tx, {
      connectionId: input.connectionId,
      projectId: input.projectId,
      type: input.actor
        ? "credentials_updated"
        : before?.hadCredentials
          ? "reconnected"
          : "connected",
      actor: input.actor ?? endUser,
      detail: who ? `Connected as ${who}` : "Connected",
    });
  });
}

/** Mark a connection FAILED with a readable reason (only while it is waiting for the end user). */
export async function failConnection(
  deps: Pick<Deps, "db">,
  input: { projectId: string; connectionId: string; reason: string; previousStatus: string },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    // A failed re-authorization must not break a connection that still works.
    if (input.previousStatus === "ACTIVE" || input.previousStatus === "INACTIVE") {
      await recordEvent(tx, {
        ...input,
        type: "failed",
        actor: endUser,
        detail: `Reconnect failed: ${input.reason}`,
      });
      return;
    }
    await tx
      .update(connections)
      .set({ status: "FAILED", statusReason: input.reason })
      .where(
        and(eq(connections.projectId, input.projectId), eq(connections.id, input.connectionId)),
      );
    await recordEvent(tx, { ...input, type: "failed", actor: endUser, detail: input.reason });
  });
}
