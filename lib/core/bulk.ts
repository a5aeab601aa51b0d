// Bulk work on connections: disable/enable/delete a chosen list, and delete the stale ones
// (abandoned connect links, EXPIRED connections) older than N days. Every id is looked up in the
// caller's project: another project's id is reported as not found and nothing happens to it.
import { and, asc, eq, inArray, isNotNull, isNull, lt, or } from "drizzle-orm";
import { connections } from "@/db/schema";
import { setConnectionEnabled } from "./connections";
import type { Actor, Deps } from "./deps";
import { deleteConnection } from "./delete";
import { AppError } from "./errors";
import { deleteIntegration, getIntegrationRow } from "./integrations";

/** The most ids one bulk request may name (the dashboard selects a page of 25 at most). */
export const BULK_MAX_IDS = 100;
/** The most connections one "delete stale" run deletes; the answer says when more remain. */
export const STALE_BATCH = 200;

export interface BulkOutcome {
  /** Ids changed (or already in the asked state). */
  done: string[];
  /** Ids that are not connections of this project. */
  notFound: string[];
  /** Deletes only: how many were revoked upstream, and the ones whose revocation failed. */
  revoked?: number;
  revokeFailed?: { id: string; error: string }[];
}

/** The ids of a bulk request: 1 to BULK_MAX_IDS, duplicates removed. */
export function checkBulkIds(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new AppError("bad_request", "ids: choose at least one connection");
  if (unique.length > BULK_MAX_IDS)
    throw new AppError("bad_request", `ids: at most ${BULK_MAX_IDS} connections at a time`);
  return unique;
}

/** Which of these ids are connections of the project (one query; the rest are not found). */
async function ownIds(
  deps: Pick<Deps, "db">,
  projectId: string,
  ids: string[],
): Promise<Set<string>> {
  const rows = await deps.db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.projectId, projectId), inArray(connections.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** Disable or enable many connections; each change is an event and an audit entry. */
export async function bulkSetEnabled(
  deps: Pick<Deps, "db">,
  input: { projectId: string; ids: readonly string[]; enabled: boolean; actor: Actor },
): Promise<BulkOutcome> {
  const ids = checkBulkIds(input.ids);
  const own = await ownIds(deps, input.projectId, ids);
  const out: BulkOutcome = { done: [], notFound: ids.filter((id) => !own.has(id)) };
  for (const id of ids.filter((i) => own.has(i))) {
    await setConnectionEnabled(deps, {
      projectId: input.projectId,
      id,
      enabled: input.enabled,
      actor: input.actor,
    });
    out.done.push(id);
  }
  return out;
}

/** Delete connections one by one, revoking upstream first where the provider supports it. */
export async function deleteEach(
  deps: Deps,
  input: { projectId: string; ids: string[]; revoke: boolean; actor: Actor },
): Promise<Required<Omit<BulkOutcome, "notFound">>> {
  const out = { done: [] as string[], revoked: 0, revokeFailed: [] as BulkOutcome["revokeFailed"] };
  for (const id of input.ids) {
    try {
      const r = await deleteConnection(deps, { ...input, id });
      out.done.push(id);
      if (r.revoked === true) out.revoked++;
      if (r.revoked === false) out.revokeFailed!.push({ id, error: r.revokeError ?? "failed" });
    } catch (err) {
      // Deleted meanwhile by someone else: it is gone, which is what was asked.
      if (err instanceof AppError && err.code === "not_found") continue;
      throw err;
    }
  }
  return out as Required<Omit<BulkOutcome, "notFound">>;
}

/** Delete many connections (revoking upstream unless told not to). */
export async function bulkDelete(
  deps: Deps,
  input: { projectId: string; ids: readonly string[]; revoke?: boolean; actor: Actor },
): Promise<BulkOutcome> {
  const ids = checkBulkIds(input.ids);
  const own = await ownIds(deps, input.projectId, ids);
  const deleted = await deleteEach(deps, {
    projectId: input.projectId,
    ids: ids.filter((id) => own.has(id)),
    revoke: input.revoke !== false,
    actor: input.actor,
  });
  return { ...deleted, notFound: ids.filter((id) => !own.has(id)) };
}

export const staleKinds = ["abandoned", "expired"] as const;
export type StaleKind = (typeof staleKinds)[number];

/**
 * Stale connections of a kind, untouched for `olderThanDays`:
 * - abandoned: connect links nobody finished (marked abandoned by the sweep, or INITIATED/EXPIRED
 *   without ever holding credentials);
 * - expired: EXPIRED connections (the provider refused the refresh, or the link ran out).
 */
function staleWhere(projectId: string, kind: StaleKind, cutoff: Date) {
  const old = lt(connections.updatedAt, cutoff);
  if (kind === "expired")
    return and(eq(connections.projectId, projectId), eq(connections.status, "EXPIRED"), old);
  return and(
    eq(connections.projectId, projectId),
    or(
      and(isNotNull(connections.abandonedAt), lt(connections.abandonedAt, cutoff)),
      and(
        inArray(connections.status, ["INITIATED", "EXPIRED"]),
        isNull(connections.credentialsEnc),
        old,
      ),
    ),
  );
}

export function checkOlderThanDays(days: number): number {
  if (!Number.isInteger(days) || days < 0 || days > 3650)
    throw new AppError("bad_request", "older_than_days must be a whole number from 0 to 3650");
  return days;
}

/** How many connections a "delete stale" run would delete now (capped at STALE_BATCH + 1). */
export async function countStale(
  deps: Pick<Deps, "db">,
  input: { projectId: string; kind: StaleKind; olderThanDays: number; now?: Date },
): Promise<number> {
  const cutoff = cutoffOf(input);
  const rows = await deps.db
    .select({ id: connections.id })
    .from(connections)
    .where(staleWhere(input.projectId, input.kind, cutoff))
    .limit(STALE_BATCH + 1);
  return rows.length;
}

const cutoffOf = (input: { olderThanDays: number; now?: Date }) =>
  new Date(
    (input.now ?? new Date()).getTime() - checkOlderThanDays(input.olderThanDays) * 86_400_000,
  );

/** Delete up to STALE_BATCH stale connections of a kind, oldest first; `more` says whether some remain. */
export async function deleteStale(
  deps: Deps,
  input: { projectId: string; kind: StaleKind; olderThanDays: number; actor: Actor; now?: Date },
): Promise<Omit<BulkOutcome, "notFound"> & { more: boolean }> {
  const cutoff = cutoffOf(input);
  const rows = await deps.db
    .select({ id: connections.id })
    .from(connections)
    .where(staleWhere(input.projectId, input.kind, cutoff))
    .orderBy(asc(connections.updatedAt))
    .limit(STALE_BATCH + 1);
  const batch = rows.slice(0, STALE_BATCH).map((r) => r.id);
  const deleted = await deleteEach(deps, {
    projectId: input.projectId,
    ids: batch,
    revoke: true,
    actor: input.actor,
  });
  return { ...deleted, more: rows.length > STALE_BATCH };
}

/** The most connections "delete the integration with its connections" takes on at once. */
export const INTEGRATION_DELETE_MAX = 1000;

/** Delete an integration together with its connections (each revoked upstream first). */
export async function deleteIntegrationWithConnections(
  deps: Deps,
  input: { projectId: string; id: string; actor: Actor },
): Promise<Omit<BulkOutcome, "notFound">> {
  await getIntegrationRow(deps, input);
  const where = and(
    eq(connections.projectId, input.projectId),
    eq(connections.integrationId, input.id),
  );
  const rows = await deps.db
    .select({ id: connections.id })
    .from(connections)
    .where(where)
    .limit(INTEGRATION_DELETE_MAX + 1);
  if (rows.length > INTEGRATION_DELETE_MAX)
    throw new AppError(
      "bad_request",
      `This auth config has more than ${INTEGRATION_DELETE_MAX} connections; delete them in batches first`,
    );
  const deleted = await deleteEach(deps, {
    projectId: input.projectId,
    ids: rows.map((r) => r.id),
    revoke: true,
    actor: input.actor,
  });
  await deleteIntegration(deps, input);
  return deleted;
}
