// The signed-in operator, the selected project and the role — checked on every request.
import { cache } from "react";
import { redirect } from "next/navigation";
import type { Role } from "@/db/schema";
import type { Actor, Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { listProjectsForOperator, type ProjectSummary } from "@/lib/core/projects";
import { can, type Permission } from "@/lib/core/roles";
import { deps } from "@/lib/server/runtime";
import { auth } from "./auth";

export interface OperatorContext {
  deps: Deps;
  operator: { id: string; email: string; name: string };
  project: ProjectSummary;
  role: Role;
  projects: Array<ProjectSummary & { role: Role }>;
  actor: Actor;
}

/** The current operator context, or null when signed out or a member of nothing (read once per request). */
export const currentOperator = cache(async (): Promise<OperatorContext | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const d = await deps();
  const projects = await listProjectsForOperator(d, id);
  const selected = projects.find((p) => p.id === session.projectId) ?? projects[0];
  if (!selected) return null;
  const operator = { id, email: session.user?.email ?? "", name: session.user?.name ?? "" };
  return {
    deps: d,
    operator,
    project: { id: selected.id, name: selected.name, slug: selected.slug },
    role: selected.role,
    projects,
    actor: { type: "operator", id, label: operator.email },
  };
});

/** For pages: the operator context, or a redirect to sign-in. */
export async function requireOperator(): Promise<OperatorContext> {
  const ctx = await currentOperator();
  if (!ctx) redirect("/sign-in");
  return ctx;
}

/** For server actions and route handlers: the context when the role holds the permission, else an AppError. */
export async function authorize(permission: Permission): Promise<OperatorContext> {
  const ctx = await currentOperator();
  if (!ctx) throw new AppError("unauthorized", "Sign in first");
  if (!can(ctx.role, permission)) throw new AppError("forbidden", "Your role does not allow this");
  return ctx;
}
