// Connections: one entity's credentials for one app. Reads, filters and the simple transitions.
import { and, asc as ascOrder, desc, eq, gt, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { prepared } from "@/db/prepared";
import {
  connectionEvents,
  connections,
  entities,
  integrations,
  type ConnectionStatus,
} from "@/db/schema";
import type { Actor, Deps } from "./deps";
import { AppError, notFound } from "./errors";
import { recordAudit } from "./audit";
import { recordEvent } from "./events";
import { viewColumns, type ConnectionView } from "./connection-view";

export { viewColumns, type ConnectionView };

/** One connection of the project, or a 404 (another project's id is a 404 too). */
export async function getConnection(
  deps: Pick<Deps, "db">,
  input: { projectId: string; id: string },
): Promise<ConnectionView> {
  const query = prepared(deps.db, "get_connection", (db, name) =>
    db
      .select(viewColumns)
      .from(connections)
      .innerJoin(entities, eq(entities.id, connections.entityId))
      .innerJoin(integrations, eq(integrations.id, connections.integrationId))
      .where(
        and(
          eq(connections.projectId, sql.placeholder("projectId")),
          eq(connections.id, sql.placeholder("id")),
        ),
      )
      .prepare(name),
  );
  const [row] = await query.execute({ projectId: input.projectId, id: input.id });
  if (!row) throw notFound("Connected account");
  return row;
}

export interface ConnectionFilter {
  projectId: string;
  userIds?: string[];
  appKeys?: string[];
  integrationIds?: string[];
  statuses?: ConnectionStatus[];
  ids?: string[];
  labels?: string[];
  enabled?: boolean;
  /** Search by upstream login or connection id prefix. */
  search?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  totalItems: number;
}

function whereOf(f: ConnectionFilter): SQL {
  const c: SQL[] = [eq(connections.projectId, f.projectId)];
  if (f.userIds?.length) {
    // Scoping entities by project too lets Postgres use the (project_id, external_id) index.
    c.push(eq(entities.projectId, f.projectId), inArray(entities.externalId, f.userIds));
  }
  if (f.appKeys?.length)
    c.push(
      inArray(
        connections.appKey,
        f.appKeys.map((a) => a.toLowerCase()),
      ),
    );
  if (f.integrationIds?.length) c.push(inArray(connections.integrationId, f.integrationIds));
  if (f.statuses?.length) c.push(inArray(connections.status, f.statuses));
  if (f.ids?.length) c.push(inArray(connections.id, f.ids));
  if (f.enabled !== undefined) c.push(eq(connections.enabled, f.enabled));
  if (f.labels?.length) {
    c.push(
      or(...f.labels.map((l) => sql`${connections.labels} @> ${JSON.stringify([l])}::jsonb`))!,
    );
  }
  if (f.search) c.push(or(eq(connections.upstreamLogin, f.search), eq(connections.id, f.search))!);
  return and(...c)!;
}

/** Cursor = base64url of "createdAtISO|id" (newest first). */
function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  if (!id || Number.isNaN(at.getTime())) throw new AppError("bad_request", "cursor is not valid");
  return { at, id };
}

const encodeCursor = (row: { createdAt: Date; id: string }) =>
  Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");

/** How many connections match (up to TOTAL_COUNT_CAP). */
async function countConnections(deps: Pick<Deps, "db">, filter: ConnectionFilter): Promise<number> {
  const base = whereOf(filter);
  // Every connection has an entity: join only when filtering by user (the join dominates the count).
  const counted = deps.db.select({ one: sql`1` }).from(connections);
  const capped = (
    filter.userIds?.length
      ? counted.innerJoin(entities, eq(entities.id, connections.entityId)).where(base)
      : counted.where(base)
  )
    .limit(TOTAL_COUNT_CAP)
    .as("capped");
  const [t] = await deps.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(capped);
  return t?.n ?? 0;
}

/** A page of connections, newest first, keyset-paginated; total counted only when asked. */
/** Totals are counted up to this many rows: an exact count over a million rows costs more than the page. */
export const TOTAL_COUNT_CAP = 10_000;

/** A page of connections, newest (or oldest) first, keyset-paginated; total counted (capped) only when asked. */
export async function listConnections(
  deps: Pick<Deps, "db">,
  filter: ConnectionFilter & {
    cursor?: string;
    limit: number;
    withTotal?: boolean;
    order?: "desc" | "asc";
  },
): Promise<Page<ConnectionView>> {
  const base = whereOf(filter);
  const asc = filter.order === "asc";
  let where = base;
  if (filter.cursor) {
    const { at, id } = decodeCursor(filter.cursor);
    const beyond = asc
      ? or(
          gt(connections.createdAt, at),
          and(eq(connections.createdAt, at), gt(connections.id, id)),
        )
      : or(
          lt(connections.createdAt, at),
          and(eq(connections.createdAt, at), lt(connections.id, id)),
        );
    where = and(base, beyond)!;
  }
  const page = deps.db
    .select(viewColumns)
    .from(connections)
    .innerJoin(entities, eq(entities.id, connections.entityId))
    .innerJoin(integrations, eq(integrations.id, connections.integrationId))
    .where(where)
    .orderBy(
      ...(asc
        ? [ascOrder(connections.createdAt), ascOrder(connections.id)]
        : [desc(connections.createdAt), desc(connections.id)]),
    )
    .limit(filter.limit + 1);
  // The page and the total are independent: on Postgres they run at once on two connections.
  const [rows, total] = await Promise.all([
    page,
    filter.withTotal ? countConnections(deps, filter) : null,
  ]);
  const items = rows.slice(0, filter.limit);
  const totalItems = total ?? items.length;
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > filter.limit && last ? encodeCursor(last) : null,
    totalItems,
  };
}

/** Disable (INACTIVE: cannot execute) or enable a connection. */
export async function setConnectionEnabled(
  deps: Pick<Deps, "db">,
  input: { projectId: string; id: string; enabled: boolean; actor: Actor },
): Promise<ConnectionView> {
  const current = await getConnection(deps, input);
  if (current.enabled === input.enabled) return current;
  await deps.db.transaction(async (tx) => {
    // A disabled connection shows INACTIVE; enabling restores ACTIVE only from INACTIVE.
    const status: ConnectionStatus = input.enabled
      ? current.status === "INACTIVE"
        ? "ACTIVE"
        : current.status
      : current.status === "ACTIVE"
        ? "INACTIVE"
        : current.status;
    await tx
      .update(connections)
      .set({
        enabled: input.enabled,
        status,
        // The reason changes only with the status: disabling a FAILED connection keeps why it failed.
        statusReason:
          status === current.status
            ? current.statusReason
            : input.enabled
              ? null
              : `Disabled by ${input.actor.label}`,
      })
      .where(and(eq(connections.projectId, input.projectId), eq(connections.id, input.id)));
    await recordEvent(tx, {
      connectionId: input.id,
      projectId: input.projectId,
      type: input.enabled ? "enabled" : "disabled",
      actor: input.actor,
    });
    await recordAudit(
      { db: tx },
      {
        projectId: input.projectId,
        actor: input.actor,
        verb: input.enabled ? "connection.enable" : "connection.disable",
        objectType: "connection",
        objectId: input.id,
        detail: {
          from: { status: current.status, enabled: current.enabled },
          to: { status, enabled: input.enabled },
        },
      },
    );
  });
  return getConnection(deps, input);
}

export interface TimelineEvent {
  id: number;
  type: string;
  detail: string | null;
  actor: string;
  at: Date;
}

/** A connection's events, newest first. */
export async function listConnectionEvents(
  deps: Pick<Deps, "db">,
  input: { projectId: string; id: string; limit?: number },
): Promise<TimelineEvent[]> {
  return deps.db
    .select({
      id: connectionEvents.id,
      type: connectionEvents.type,
      detail: connectionEvents.detail,
      actor: connectionEvents.actor,
      at: connectionEvents.at,
    })
    .from(connectionEvents)
    .where(
      and(
        eq(connectionEvents.projectId, input.projectId),
        eq(connectionEvents.connectionId, input.id),
      ),
    )
    .orderBy(desc(connectionEvents.at), desc(connectionEvents.id))
    .limit(input.limit ?? 100);
}
