// Dashboard sessions held server-side (issue 11 item 7): the signed session cookie carries a
// random id, every request needs its row, and sign-out deletes the row — so a copy of the
// cookie stops working at sign-out, while the operator's other browsers stay signed in.
import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import { operatorSessions, operators, projectMembers, projects, type Role } from "@/db/schema";
import { keyedHash, randomToken } from "@/lib/crypto";
import type { Deps } from "./deps";
import type { ProjectSummary } from "./projects";

type SessionDeps = Pick<Deps, "db" | "pepper">;

// Stored keyed-hashed like every other token: a database dump holds no usable session id.
const rowId = (deps: SessionDeps, sessionId: string) =>
  keyedHash(deps.pepper, `session:${sessionId}`);

/** Start a session for an operator who just proved their password; returns the id for the cookie. */
export async function createOperatorSession(
  deps: SessionDeps,
  input: { operatorId: string; maxAgeSeconds: number },
): Promise<string> {
  const sessionId = randomToken(24);
  await deps.db.insert(operatorSessions).values({
    id: rowId(deps, sessionId),
    operatorId: input.operatorId,
    expiresAt: new Date(Date.now() + input.maxAgeSeconds * 1000),
  });
  return sessionId;
}

/** End one session (sign-out); ending an unknown or ended one is a no-op. */
export async function endOperatorSession(deps: SessionDeps, sessionId: string): Promise<void> {
  await deps.db.delete(operatorSessions).where(eq(operatorSessions.id, rowId(deps, sessionId)));
}

export interface SessionState {
  /** False when the session was signed out or has expired. */
  alive: boolean;
  sessionEpoch: number;
  /** A one-time password: nothing but changing it is allowed until then. */
  mustChangePassword: boolean;
  /** The current email and name (a profile edit shows at once, whatever the cookie says). */
  email: string;
  name: string;
  projects: Array<ProjectSummary & { role: Role }>;
}

/**
 * The per-request read: in one query, whether the session is alive, the operator's epoch and
 * their projects (oldest first). Null when the operator no longer exists.
 */
export async function getOperatorSession(
  deps: SessionDeps,
  input: { operatorId: string; sessionId: string },
): Promise<SessionState | null> {
  const rows = await deps.db
    .select({
      sessionEpoch: operators.sessionEpoch,
      mustChangePassword: operators.mustChangePassword,
      email: operators.email,
      operatorName: operators.name,
      session: operatorSessions.id,
      id: projects.id,
      name: projects.name,
      slug: projects.slug,
      role: projectMembers.role,
    })
    .from(operators)
    .leftJoin(
      operatorSessions,
      and(
        eq(operatorSessions.id, rowId(deps, input.sessionId)),
        eq(operatorSessions.operatorId, operators.id),
        gt(operatorSessions.expiresAt, sql`now()`),
      ),
    )
    .leftJoin(projectMembers, eq(projectMembers.operatorId, operators.id))
    .leftJoin(projects, eq(projects.id, projectMembers.projectId))
    .where(eq(operators.id, input.operatorId))
    .orderBy(asc(projects.createdAt));
  const [first] = rows;
  if (!first) return null;
  const memberships: SessionState["projects"] = [];
  for (const r of rows) {
    if (r.id && r.name && r.slug && r.role)
      memberships.push({ id: r.id, name: r.name, slug: r.slug, role: r.role });
  }
  return {
    alive: first.session !== null,
    sessionEpoch: first.sessionEpoch,
    mustChangePassword: first.mustChangePassword,
    email: first.email,
    name: first.operatorName,
    projects: memberships,
  };
}

/** Delete expired sessions (the sweep); returns how many. */
export async function deleteExpiredOperatorSessions(
  deps: Pick<Deps, "db">,
  now = Date.now(),
): Promise<number> {
  const rows = await deps.db
    .delete(operatorSessions)
    .where(lt(operatorSessions.expiresAt, new Date(now)))
    .returning({ id: operatorSessions.id });
  return rows.length;
}
