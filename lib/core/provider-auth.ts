// A provider's 401 on a call (issue 13 item 1). OAuth 2: one forced refresh (single-flight in the
// process, under the row lock across processes) and one retry; a refused refresh leaves the
// connection EXPIRED with the provider's reason and an event (refresh.ts). Other schemes have no
// token to renew: the connection is marked as failing its check until a call succeeds again.
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { connections, type Connection } from "@/db/schema";
import type { EgressResponse } from "@/lib/egress";
import { bindings } from "./bindings";
import { systemActor, type Deps } from "./deps";
import { recordEvent } from "./events";
import { callCredentials, endLockedRow, freshSecrets, type RefreshCtx } from "./refresh";
import { unseal } from "./sealed";
import type { CredentialContext } from "./upstream";

/** The provider's own words from a 401 body (error_description, message, error), short. */
export function providerReason(appName: string, res: EgressResponse): string {
  let words = "";
  try {
    const body = res.json<Record<string, unknown> | null>();
    const pick = (k: string) => {
      const v = body?.[k];
      return typeof v === "string" ? v : "";
    };
    words = pick("error_description") || pick("message") || pick("error");
  } catch {
    // not JSON: the status says enough
  }
  const said = words ? `: ${words.replace(/\s+/g, " ").slice(0, 200)}` : "";
  return `${appName} answered HTTP 401 (unauthorized)${said}`;
}

/**
 * Send with the connection's credentials; on a 401, recover as the scheme allows and return the
 * answer that counts (the retry's, or the 401). Throws the refresh's AppError when the refresh is
 * refused (the connection is EXPIRED or FAILED by then).
 */
export async function sendWithAuthRecovery(
  deps: Deps,
  ctx: RefreshCtx,
  send: (credentials: CredentialContext) => Promise<EgressResponse>,
): Promise<EgressResponse> {
  const credentials = await callCredentials(deps, ctx);
  const res = await send(credentials);
  if (res.status !== 401) {
    if (res.status < 400 && ctx.connection.checkFailedAt)
      await markCheckPassed(deps, ctx.connection);
    return res;
  }
  const reason = providerReason(ctx.app.name, res);
  if (ctx.scheme.mode !== "OAUTH2") {
    await markCheckFailed(deps, ctx.connection, reason);
    return res;
  }
  if (!credentials.secrets.refresh_token) {
    await expireWithoutRefreshToken(deps, ctx.connection, reason);
    return res;
  }
  // The token in hand was refused: refresh now whatever its expiry says. If another call or
  // process refreshed meanwhile, the row lock hands over its tokens instead of refreshing twice.
  const secrets = await freshSecrets(deps, { ...ctx, force: true });
  return send({ ...credentials, secrets });
}

/** An OAuth 2 token refused with nothing to renew it: EXPIRED (if still ACTIVE with these credentials). */
async function expireWithoutRefreshToken(deps: Deps, c: Connection, reason: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(connections).where(eq(connections.id, c.id)).for("update");
    if (!row || row.status !== "ACTIVE" || row.credentialsEnc !== c.credentialsEnc) return;
    // A refresh token may have arrived since the row was read.
    const now = row.credentialsEnc
      ? unseal(deps, bindings.connectionCredentials(row.id), row.credentialsEnc)
      : {};
    if (now.refresh_token) return;
    await endLockedRow(
      tx,
      row,
      "EXPIRED",
      `${reason}; there is no refresh token, so the end user must reconnect`,
    );
  });
}

/** Flag a connection whose credential the provider refused; one event when it starts failing. */
export async function markCheckFailed(
  deps: Pick<Deps, "db">,
  c: Pick<Connection, "id" | "projectId">,
  reason: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const changed = await tx
      .update(connections)
      .set({ checkFailedAt: sql`now()`, checkFailure: reason })
      .where(and(eq(connections.id, c.id), isNull(connections.checkFailedAt)))
      .returning({ id: connections.id });
    if (changed.length === 0) return;
    await recordEvent(tx, {
      connectionId: c.id,
      projectId: c.projectId,
      type: "check_failed",
      actor: systemActor,
      detail: `${reason}. Calls keep failing until the credential is updated or the end user reconnects`,
    });
  });
}

/** A call succeeded again: the flag goes, with one event. */
async function markCheckPassed(
  deps: Pick<Deps, "db">,
  c: Pick<Connection, "id" | "projectId">,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const changed = await tx
      .update(connections)
      .set({ checkFailedAt: null, checkFailure: null })
      .where(and(eq(connections.id, c.id), isNotNull(connections.checkFailedAt)))
      .returning({ id: connections.id });
    if (changed.length === 0) return;
    await recordEvent(tx, {
      connectionId: c.id,
      projectId: c.projectId,
      type: "check_passed",
      actor: systemActor,
      detail: "A call succeeded: the provider accepts the credential again",
    });
  });
}
