// Entities: end users of the customer's app, by the customer's own id; created on first use.
import { and, asc, desc, eq, gt, like, lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { connections, entities } from "@/db/schema";
import type { Deps } from "./deps";
import { AppError, notFound } from "./errors";
import { newId } from "./ids";

export interface EntityView {
  id: string;
  externalId: string;
  metadata: Record<string, unknown>;
  createdAt: Date;
}

const ENTITY_ID = /^[\w.@:+-]{1,200}$/;

/** Validate a customer-supplied entity id (user_id). */
export function checkEntityId(externalId: string): string {
  const id = externalId.trim();
  if (!ENTITY_ID.test(id)) {
    throw new AppError(
      "bad_request",
      "user_id must be 1–200 characters of letters, digits and . _ @ : + -",
    );
  }
  return id;
}

const columns = {
  id: entities.id,
  externalId: entities.externalId,
  metadata: entities.metadata,
  createdAt: entities.createdAt,
};

/** The entity with this external id, created if missing (one upsert-like round trip in the common case). */
export async function getOrCreateEntity(
  // A transaction too: a connection's create makes its entity in its own transaction.
  deps: { db: Pick<Db, "insert" | "select"> },
  input: { projectId: string; externalId: string },
): Promise<EntityView> {
  const externalId = checkEntityId(input.externalId);
  const existing = await findEntity(deps, { projectId: input.projectId, externalId });
  if (existing) return existing;
  const [inserted] = await deps.db
    .insert(entities)
    .values({ id: newId("ent"), projectId: input.projectId, externalId })
    .onConflictDoNothing()
    .returning(columns);
  return inserted ?? (await findEntity(deps, { projectId: input.projectId, externalId }))!;
}

/** The entity with this external id, or undefined. */
export async function findEntity(
  deps: { db: Pick<Db, "select"> },
  input: { projectId: string; externalId: string },
): Promise<EntityView | undefined> {
  const [row] = await deps.db
    .select(columns)
    .from(entities)
    .where(and(eq(entities.projectId, input.projectId), eq(entities.externalId, input.externalId)));
  return row;
}

/** Like findEntity, but a 404 when missing. */
export async function getEntity(
  deps: Pick<Deps, "db">,
  input: { projectId: string; externalId: string },
): Promise<EntityView> {
  const row = await findEntity(deps, input);
  if (!row) throw notFound(`Entity "${input.externalId}"`);
  return row;
}

export interface EntityListItem extends EntityView {
  connectionCount: number;
}

/** The entity id compared and ordered byte by byte, as entities_external_id_c_idx holds it. */
const idInByteOrder = sql`(${entities.externalId} collate "C")`;

/** A page of entities ordered by external id, with optional prefix search; keyset pagination. */
export async function listEntities(
  deps: Pick<Deps, "db">,
  input: {
    projectId: string;
    prefix?: string;
    after?: string;
    limit: number;
    order?: "asc" | "desc";
  },
): Promise<{ items: EntityListItem[]; nextCursor: string | null }> {
  const conditions = [eq(entities.projectId, input.projectId)];
  if (input.prefix)
    conditions.push(like(idInByteOrder, `${input.prefix.replace(/[\\%_]/g, "\\$&")}%`));
  const descending = input.order === "desc";
  if (input.after) {
    conditions.push(descending ? lt(idInByteOrder, input.after) : gt(idInByteOrder, input.after));
  }
  const rows = await deps.db
    .select({
      ...columns,
      // Qualified columns (drizzle leaves them bare inside a raw subquery).
      connectionCount: deps.db.$count(connections, eq(connections.entityId, entities.id)),
    })
    .from(entities)
    .where(and(...conditions))
    .orderBy(descending ? desc(idInByteOrder) : asc(idInByteOrder))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  return {
    items,
    nextCursor: rows.length > input.limit ? (items.at(-1)?.externalId ?? null) : null,
  };
}

/** Replace an entity's metadata (a small JSON object). */
export async function setEntityMetadata(
  deps: Pick<Deps, "db">,
  input: { projectId: string; externalId: string; metadata: Record<string, unknown> },
): Promise<void> {
  if (JSON.stringify(input.metadata).length > 10_000)
    throw new AppError("bad_request", "metadata is larger than 10 KB");
  const entity = await getOrCreateEntity(deps, input);
  await deps.db
    .update(entities)
    .set({ metadata: input.metadata })
    .where(and(eq(entities.projectId, input.projectId), eq(entities.id, entity.id)));
}
