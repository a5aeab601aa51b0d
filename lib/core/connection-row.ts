// The row a call on behalf of an entity needs: connection + its integration, in one query.
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { prepared } from "@/db/prepared";
import {
  connections,
  entities,
  integrations,
  type Connection,
  type Integration,
} from "@/db/schema";
import { ConnectionCache } from "./connection-cache";
import type { Deps } from "./deps";
import { AppError, notFound } from "./errors";
import { checkEntityId } from "./entities";

export interface UsableConnection {
  connection: Connection;
  integration: Integration;
  userId: string;
}

const select = { connection: connections, integration: integrations, userId: entities.externalId };

/** Built once per database handle: an explicit connected account, read by id. */
function byIdStatement(db: Db, name: string) {
  return db
    .select(select)
    .from(connections)
    .innerJoin(integrations, eq(integrations.id, connections.integrationId))
    .innerJoin(entities, eq(entities.id, connections.entityId))
    .where(
      and(
        eq(connections.projectId, sql.placeholder("projectId")),
        eq(connections.id, sql.placeholder("id")),
      ),
    )
    .prepare(name);
}

/** An explicit connection of the project (any status), read now, or a 404. */
export async function loadConnection(
  deps: Pick<Deps, "db">,
  input: { projectId: string; id: string },
): Promise<UsableConnection> {
  const query = prepared(deps.db, "connection_by_id", byIdStatement);
  const [row] = await query.execute({ projectId: input.projectId, id: input.id });
  if (!row) throw notFound(`Connected account ${input.id}`);
  return row;
}

/**
 * `loadConnection` for the hot paths (execute, proxy, MCP): served from `deps.connectionCache`
 * when there is one, dropped like every entry by the triggers' NOTIFY for its entity. The row is
 * shared, never mutate it; writers (credential updates, forced refresh) read with `loadConnection`.
 */
export async function usableConnection(
  deps: Pick<Deps, "db" | "connectionCache">,
  input: { projectId: string; id: string },
): Promise<UsableConnection> {
  const cache = deps.connectionCache;
  const key = ConnectionCache.idKey(input.projectId, input.id);
  const hit = cache?.get(key);
  if (hit) return hit;
  const startedAt = cache?.begin() ?? 0;
  const row = await loadConnection(deps, input);
  cache?.set(key, row, [row.connection.entityId], startedAt);
  return row;
}

/** Built once per database handle: execute resolves a connection on every call. */
function newestActiveStatement(db: Db, name: string) {
  return db
    .select(select)
    .from(connections)
    .innerJoin(entities, eq(entities.id, connections.entityId))
    .innerJoin(integrations, eq(integrations.id, connections.integrationId))
    .where(
      and(
        eq(entities.projectId, sql.placeholder("projectId")),
        eq(entities.externalId, sql.placeholder("userId")),
        eq(connections.appKey, sql.placeholder("appKey")),
        eq(connections.status, "ACTIVE"),
        eq(connections.enabled, true),
      ),
    )
    .orderBy(desc(connections.createdAt))
    .limit(1)
    .prepare(name);
}

/**
 * The entity's newest ACTIVE, enabled connection for an app, or a 404 that says who lacks what.
 * Served from `deps.connectionCache` when there is one: the returned row is shared, never mutate it.
 */
export async function newestActiveConnection(
  deps: Pick<Deps, "db" | "connectionCache">,
  input: { projectId: string; userId: string; appKey: string },
): Promise<UsableConnection> {
  const userId = checkEntityId(input.userId);
  const cache = deps.connectionCache;
  const key = ConnectionCache.key(input.projectId, userId, input.appKey);
  const hit = cache?.get(key);
  if (hit) return hit;
  const startedAt = cache?.begin() ?? 0;
  const query = prepared(deps.db, "newest_active_connection", newestActiveStatement);
  const [row] = await query.execute({ projectId: input.projectId, userId, appKey: input.appKey });
  if (!row) throw await noActiveConnection(deps, { ...input, userId });
  cache?.set(key, row, [row.connection.entityId], startedAt);
  return row;
}

/**
 * The 404 of an entity without a usable connection, naming the cause: no connection at all, or
 * why its newest one cannot be used (disabled, EXPIRED with the reason…). Only on the error path.
 */
async function noActiveConnection(
  deps: Pick<Deps, "db">,
  input: { projectId: string; userId: string; appKey: string },
): Promise<AppError> {
  const none = `Entity "${input.userId}" has no active connection for app "${input.appKey}"`;
  const [newest] = await deps.db
    .select(select)
    .from(connections)
    .innerJoin(entities, eq(entities.id, connections.entityId))
    .innerJoin(integrations, eq(integrations.id, connections.integrationId))
    .where(
      and(
        eq(entities.projectId, input.projectId),
        eq(entities.externalId, input.userId),
        eq(connections.appKey, input.appKey),
      ),
    )
    .orderBy(desc(connections.createdAt))
    .limit(1);
  if (!newest) return new AppError("not_found", none, { reason: "no_connection" });
  const why = unusable(newest);
  const said = why.message.charAt(0).toLowerCase() + why.message.slice(1);
  return new AppError("not_found", `${none}: ${said}`, {
    reason: why.reason,
    connected_account_id: newest.connection.id,
  });
}

/** Why a connection cannot be used right now, or null when it can. */
function unusable(u: UsableConnection): { reason: string; message: string } {
  const c = u.connection;
  if (!c.enabled)
    return {
      reason: "connection_disabled",
      message: `Connected account ${c.id} is disabled; enable it to use it`,
    };
  if (!u.integration.enabled)
    return {
      reason: "auth_config_disabled",
      message: `Auth config ${u.integration.id} is disabled`,
    };
  const why = c.statusReason ? `: ${c.statusReason}` : "";
  return {
    reason: `connection_${c.status.toLowerCase()}`,
    message: `Connected account ${c.id} is ${c.status}${why}`,
  };
}

/** Refuse a connection that cannot be used right now, with the reason. */
export function assertUsable(u: UsableConnection): void {
  if (u.connection.enabled && u.integration.enabled && u.connection.status === "ACTIVE") return;
  const why = unusable(u);
  throw new AppError("bad_request", why.message, {
    reason: why.reason,
    connected_account_id: u.connection.id,
  });
}
