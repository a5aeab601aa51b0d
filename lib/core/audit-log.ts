// Audit log reads for the dashboard (recordAudit in ./audit writes them): always scoped to one project, newest first.
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { auditLog } from "@/db/schema";

export interface AuditRow {
  id: number;
  actorType: "operator" | "api_key" | "system";
  actorLabel: string;
  verb: string;
  objectType: string;
  objectId: string | null;
  ip: string | null;
  /** Small non-secret context written by recordAudit (names, roles, changed fields). */
  detail: Record<string, unknown> | null;
  at: Date;
}

export interface AuditFilter {
  projectId: string;
  verb?: string;
  actor?: string;
}

const where = (f: AuditFilter): SQL | undefined =>
  and(
    eq(auditLog.projectId, f.projectId),
    f.verb ? eq(auditLog.verb, f.verb) : undefined,
    f.actor ? eq(auditLog.actorLabel, f.actor) : undefined,
  );

/** One page of a project's audit entries; `hasMore` says whether an older page exists. */
export async function listAuditEntriesByProject(
  db: Db,
  input: AuditFilter & { page: number; pageSize: number },
): Promise<{ items: AuditRow[]; hasMore: boolean }> {
  const rows = await db
    .select({
      id: auditLog.id,
      actorType: auditLog.actorType,
      actorLabel: auditLog.actorLabel,
      verb: auditLog.verb,
      objectType: auditLog.objectType,
      objectId: auditLog.objectId,
      ip: auditLog.ip,
      detail: auditLog.detail,
      at: auditLog.at,
    })
    .from(auditLog)
    .where(where(input))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(input.pageSize + 1)
    .offset((input.page - 1) * input.pageSize);
  return { items: rows.slice(0, input.pageSize), hasMore: rows.length > input.pageSize };
}

/** The verbs and actors that occur in a project's audit log, for the filter menus. */
export async function listAuditFacetsByProject(
  db: Db,
  input: { projectId: string },
): Promise<{ verbs: string[]; actors: string[] }> {
  const [verbs, actors] = await Promise.all([
    db
      .selectDistinct({ value: auditLog.verb })
      .from(auditLog)
      .where(eq(auditLog.projectId, input.projectId))
      .orderBy(auditLog.verb)
      .limit(200),
    db
      .selectDistinct({ value: auditLog.actorLabel })
      .from(auditLog)
      .where(eq(auditLog.projectId, input.projectId))
      .orderBy(auditLog.actorLabel)
      .limit(200),
  ]);
  return { verbs: verbs.map((r) => r.value), actors: actors.map((r) => r.value) };
}
