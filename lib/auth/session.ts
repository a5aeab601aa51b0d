// The signed-in operator, the selected project and the role — checked on every request.
import { cache } from "react";
import { redirect } from "next/navigation";
import type { Role } from "@/db/schema";
import type { Actor, Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { getOperatorSession } from "@/lib/core/operator-sessions";
import type { ProjectSummary } from "@/lib/core/projects";
import { can, type Permission } from "@/lib/core/roles";
import { deps } from "@/lib/server/runtime";
import { auth } from "./auth";

export interface OperatorContext {
  deps: Deps;
  /** mustChangePassword: signed in with a one-time password; nothing but changing it is allowed. */
  operator: { id: string; email: string; name: string; mustChangePassword: boolean };
  project: ProjectSummary;
  role: Role;
  projects: Array<ProjectSummary & { role: Role }>;
  actor: Actor;
}

/** Why there is no operator context; "stale" is a session from before a password change. */
export type SignedOut =
  { reason: "signed_out" | "stale" } | { reason: "no_project"; email: string };

type Resolved = { ctx: OperatorContext } | ({ ctx: null } & SignedOut);

// Read once per request. One query says whether the session is alive (sign-out deletes it) and
// gives the operator's current epoch and projects: a session signed in before the last password
// change is refused (its epoch is older).
const resolveSession = cache(async (): Promise<Resolved> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id || !session.sessionId) return { ctx: null, reason: "signed_out" };
  const d = await deps();
  const found = await getOperatorSession(d, { operatorId: id, sessionId: session.sessionId });
  if (!found) return { ctx: null, reason: "signed_out" };
  if (found.sessionEpoch !== session.sessionEpoch) return { ctx: null, reason: "stale" };
  if (!found.alive) return { ctx: null, reason: "signed_out" };
  const projects = found.projects;
  const selected = projects.find((p) => p.id === session.projectId) ?? projects[0];
  if (!selected) return { ctx: null, reason: "no_project", email: session.user?.email ?? "" };
  // Email and name from the database: a profile edit shows at once, whatever the cookie says.
  const operator = {
    id,
    email: found.email,
    name: found.name,
    mustChangePassword: found.mustChangePassword,
  };
  return {
    ctx: {
      deps: d,
      operator,
      project: { id: selected.id, name: selected.name, slug: selected.slug },
      role: selected.role,
      projects,
      actor: { type: "operator", id, label: operator.email },
    },
  };
});

/** The current operator context, or null when signed out, signed out by a password change, or a member of nothing. */
export const currentOperator = async (): Promise<OperatorContext | null> =>
  (await resolveSession()).ctx;

/** Why a request has no operator context (for the sign-in page's notice), or null when it has one. */
export async function signedOutReason(): Promise<SignedOut | null> {
  const r = await resolveSession();
  return r.ctx ? null : r;
}

/** Where an operator signed in with a one-time password is sent until they choose their own. */
export const CHANGE_PASSWORD_PATH = "/change-password";

/** For pages: the operator context, or a redirect to sign-in (or to the forced password change). */
export async function requireOperator(): Promise<OperatorContext> {
  const ctx = await currentOperator();
  if (!ctx) redirect("/sign-in");
  if (ctx.operator.mustChangePassword) redirect(CHANGE_PASSWORD_PATH);
  return ctx;
}

/**
 * For server actions and route handlers: the context when the role holds the permission, else an
 * AppError. An operator with a one-time password may only change it (`whilePasswordMustChange`).
 */
export async function authorize(
  permission: Permission,
  options: { whilePasswordMustChange?: boolean } = {},
): Promise<OperatorContext> {
  const ctx = await currentOperator();
  if (!ctx) throw new AppError("unauthorized", "Sign in first");
  if (ctx.operator.mustChangePassword && !options.whilePasswordMustChange)
    throw new AppError(
      "forbidden",
      "Choose your own password first (you signed in with a one-time password)",
    );
  if (!can(ctx.role, permission)) throw new AppError("forbidden", "Your role does not allow this");
  return ctx;
}
