import { openDb } from "@/db";
import { asc, count, eq, sql } from "drizzle-orm";
import { connections, entities } from "@/db/schema";
const h = await openDb({ pgliteDir: "memory://" });
const q = h.db
  .select({
    id: entities.id,
    connectionCount: sql<number>`(select ${count()} from ${connections} where ${connections}.${sql.identifier("entity_id")} = ${entities}.${sql.identifier("id")})`.mapWith(Number),
  })
  .from(entities)
  .where(eq(entities.projectId, "p"))
  .orderBy(asc(entities.externalId));
console.log(q.toSQL().sql);
const q2 = h.db.select({ id: entities.id, n: h.db.$count(connections, eq(connections.entityId, entities.id)) }).from(entities);
console.log(q2.toSQL().sql);
await h.close();
