// The one way a connection becomes ACTIVE or FAILED after the end user acted.
import { and, eq, isNull, sql } from "drizzle-orm";
import { authFlows, connections, linkTokens, type UpstreamIdentity } from "@/db/schema";
import { recordAudit } from "./audit";
import type { Actor, Deps } from "./deps";
import { AppError } from "./errors";
import { recordEvent } from "./events";
import { bindings } from "./bindings";
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
    /**
     * The connect link the end user came through. It must still be open when the credentials are
     * stored: of two flows racing on one link, the second finds it used and stores nothing.
     */
    linkId?: string;
  },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    // The row lock serialises activations of one connection, so the link check below is exact.
    const [before] = await tx
      .select({
        hadCredentials: sql<boolean>`${connections.credentialsEnc} is not null`,
        identity: connections.upstreamIdentity,
      })
      .from(connections)
      .where(eq(connections.id, input.connectionId))
      .for("update");
    if (input.linkId) {
      const used = await tx
        .update(linkTokens)
        .set({ usedAt: new Date() })
        .where(and(eq(linkTokens.id, input.linkId), isNull(linkTokens.usedAt)))
        .returning({ id: linkTokens.id });
      if (used.length === 0) {
        throw new AppError(
          "conflict",
          "This connect link was already used or replaced by a newer one. Start again from the app.",
        );
      }
    }
    await tx
      .update(connections)
      .set({
        // A connection an operator disabled stays INACTIVE after a reconnect; enabling it restores ACTIVE.
        status: sql`case when ${connections.enabled} then 'ACTIVE' else 'INACTIVE' end`,
        statusReason: null,
        credentialsEnc: seal(
          deps,
          bindings.connectionCredentials(input.connectionId),
          input.secrets,
        ),
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
        // Connected after all: no longer an abandoned link, and the provider takes the credential.
        abandonedAt: null,
        checkFailedAt: null,
        checkFailure: null,
        ...(input.connectionParams ? { connectionParams: input.connectionParams } : {}),
      })
      .where(
        and(eq(connections.projectId, input.projectId), eq(connections.id, input.connectionId)),
      );
    // Single use: the other links die, and so does every flow still parked at the provider.
    await closeLinks(tx, input.connectionId);
    await tx.delete(authFlows).where(eq(authFlows.connectionId, input.connectionId));
    const who = nameOf(input.identity);
    const changed = accountChanged(before?.identity ?? null, input.identity);
    await recordEvent(tx, {
      connectionId: input.connectionId,
      projectId: input.projectId,
      type: changed
        ? "account_changed"
        : input.actor
          ? "credentials_updated"
          : before?.hadCredentials
            ? "reconnected"
            : "connected",
      actor: input.actor ?? endUser,
      detail: changed
        ? `Account changed: ${nameOf(before?.identity ?? null)} → ${who}`
        : who
          ? `Connected as ${who}`
          : "Connected",
    });
    if (changed) {
      await recordAudit(
        { db: tx },
        {
          projectId: input.projectId,
          // The audit log names operators, keys and the system; an end user acts through a link.
          actor: input.actor ?? { type: "system", label: "end user (connect link)" },
          verb: "connection.account_changed",
          objectType: "connection",
          objectId: input.connectionId,
          detail: {
            from: identitySummary(before!.identity!),
            to: identitySummary(input.identity!),
            via: input.linkId ?? null,
          },
        },
      );
    }
  });
}

const nameOf = (identity: UpstreamIdentity | null): string | undefined =>
  identity ? (identity.login ?? identity.name ?? identity.id) : undefined;

const identitySummary = (identity: UpstreamIdentity) => ({
  id: identity.id,
  login: identity.login ?? null,
});

/** A reconnect to a different upstream account (both sides known, ids differ). */
function accountChanged(before: UpstreamIdentity | null, after: UpstreamIdentity | null): boolean {
  return !!before?.id && !!after?.id && before.id !== after.id;
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
