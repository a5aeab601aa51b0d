// One search box for operators: entity id prefix, exact connection id, upstream login
// (exact or prefix). Project-scoped; every lookup is one bounded index range.
import { and, asc, eq, gte } from "drizzle-orm";
import { connections, entities, type ConnectionStatus } from "@/db/schema";
import type { Deps } from "./deps";
import { listEntities } from "./entities";

/** Results per kind. */
export const SEARCH_LIMIT = 10;
/** Logins read past the first match: a prefix's matches are contiguous in the index, so this is slack. */
const LOGIN_SCAN = 50;

const ENTITY_ID = /^[\w.@:+-]{1,200}$/;
const CONNECTION_ID = /^ca_[A-Za-z0-9_-]{1,100}$/;

export interface EntityHit {
  externalId: string;
  connectionCount: number;
  createdAt: Date;
}

export interface ConnectionHit {
  id: string;
  entityId: string;
  appKey: string;
  status: ConnectionStatus;
  statusReason: string | null;
  upstreamLogin: string | null;
  createdAt: Date;
  /** Why it matched: its id, or its upstream login. */
  match: "id" | "login";
}

export interface SearchResults {
  q: string;
  entities: EntityHit[];
  connections: ConnectionHit[];
  /** More entities (or logins) start with q than are listed. */
  moreEntities: boolean;
  moreConnections: boolean;
}

const hitColumns = {
  id: connections.id,
  entityId: entities.externalId,
  appKey: connections.appKey,
  status: connections.status,
  statusReason: connections.statusReason,
  upstreamLogin: connections.upstreamLogin,
  createdAt: connections.createdAt,
};

/** The connection with exactly this id, if it belongs to the project (primary key). */
async function connectionById(deps: Pick<Deps, "db">, projectId: string, id: string) {
  return deps.db
    .select(hitColumns)
    .from(connections)
    .innerJoin(entities, eq(entities.id, connections.entityId))
    .where(and(eq(connections.projectId, projectId), eq(connections.id, id)));
}

/**
 * Connections whose upstream login starts with one of `prefixes` (an exact login is the first
 * of its prefix range). Reads the (project_id, upstream_login) index from the prefix onwards and
 * keeps the rows that really start with it: one range scan per prefix, whatever the collation.
 */
async function connectionsByLogin(
  deps: Pick<Deps, "db">,
  projectId: string,
  prefixes: string[],
): Promise<{ hits: Omit<ConnectionHit, "match">[]; more: boolean }> {
  const scans = await Promise.all(
    prefixes.map((p) =>
      deps.db
        .select(hitColumns)
        .from(connections)
        .innerJoin(entities, eq(entities.id, connections.entityId))
        .where(and(eq(connections.projectId, projectId), gte(connections.upstreamLogin, p)))
        .orderBy(asc(connections.upstreamLogin), asc(connections.id))
        .limit(LOGIN_SCAN)
        .then((rows) => rows.filter((r) => r.upstreamLogin?.startsWith(p))),
    ),
  );
  const seen = new Set<string>();
  const hits = scans.flat().filter((h) => !seen.has(h.id) && seen.add(h.id));
  // Exact logins first, then alphabetical.
  const exact = new Set(prefixes);
  hits.sort(
    (a, b) =>
      Number(exact.has(b.upstreamLogin ?? "")) - Number(exact.has(a.upstreamLogin ?? "")) ||
      (a.upstreamLogin ?? "").localeCompare(b.upstreamLogin ?? "") ||
      a.id.localeCompare(b.id),
  );
  return { hits: hits.slice(0, SEARCH_LIMIT), more: hits.length > SEARCH_LIMIT };
}

/** Entities, connections and upstream accounts matching what an operator typed; at most 10 of each. */
export async function searchEverything(
  deps: Pick<Deps, "db">,
  input: { projectId: string; q: string },
): Promise<SearchResults> {
  const q = input.q.trim().slice(0, 200);
  const empty: SearchResults = {
    q,
    entities: [],
    connections: [],
    moreEntities: false,
    moreConnections: false,
  };
  if (!q) return empty;
  // Logins are case-insensitive at most providers: also try the lower-case spelling.
  const logins = [...new Set([q, q.toLowerCase()])];
  const [entityPage, byId, byLogin] = await Promise.all([
    ENTITY_ID.test(q)
      ? listEntities(deps, { projectId: input.projectId, prefix: q, limit: SEARCH_LIMIT })
      : null,
    CONNECTION_ID.test(q) ? connectionById(deps, input.projectId, q) : [],
    connectionsByLogin(deps, input.projectId, logins),
  ]);
  const connectionHits: ConnectionHit[] = [
    ...byId.map((c) => ({ ...c, match: "id" as const })),
    ...byLogin.hits.filter((c) => c.id !== q).map((c) => ({ ...c, match: "login" as const })),
  ];
  return {
    q,
    entities: (entityPage?.items ?? []).map((e) => ({
      externalId: e.externalId,
      connectionCount: e.connectionCount,
      createdAt: e.createdAt,
    })),
    connections: connectionHits.slice(0, SEARCH_LIMIT + byId.length),
    moreEntities: Boolean(entityPage?.nextCursor),
    moreConnections: byLogin.more,
  };
}
