// Projects (tenants) and membership: the project id always comes from the credential.
import { and, asc, eq } from "drizzle-orm";
import { operators, projectMembers, projects, type Role } from "@/db/schema";
import { recordAudit } from "./audit";
import type { Actor, Deps } from "./deps";
import { AppError, notFound } from "./errors";
import { newId } from "./ids";
import { parseAccent, parseLogoUrl, parseOrigin, type Parsed } from "./project-settings-rules";

type SettingsPatch = Partial<Omit<ProjectSettings, "id" | "slug">>;

function must<T>(field: string, parsed: Parsed<T>): T {
  if (!parsed.ok) throw new AppError("bad_request", `${field}: ${parsed.error}`);
  return parsed.value;
}

/** Validate a settings patch with the same rules the settings form uses. */
function checkSettings(patch: SettingsPatch): SettingsPatch {
  const out: SettingsPatch = { ...patch };
  if (patch.name !== undefined) {
    const name = patch.name.trim();
    if (!name || name.length > 80)
      throw new AppError("bad_request", "name: must be 1–80 characters");
    out.name = name;
  }
  if (patch.allowedReturnOrigins !== undefined) {
    if (patch.allowedReturnOrigins.length > 50)
      throw new AppError("bad_request", "allowedReturnOrigins: at most 50");
    out.allowedReturnOrigins = [
      ...new Set(
        patch.allowedReturnOrigins.map((o) => must("allowedReturnOrigins", parseOrigin(o))),
      ),
    ];
  }
  if (patch.brandingLogoUrl !== undefined)
    out.brandingLogoUrl = must("brandingLogoUrl", parseLogoUrl(patch.brandingLogoUrl ?? ""));
  if (patch.brandingAccent !== undefined)
    out.brandingAccent = must("brandingAccent", parseAccent(patch.brandingAccent ?? ""));
  return out;
}

export interface ProjectSummary {
  id: string;
  name: string;
  slug: string;
}

export interface ProjectSettings extends ProjectSummary {
  allowedReturnOrigins: string[];
  brandingName: string | null;
  brandingLogoUrl: string | null;
  brandingAccent: string | null;
}

const slugify = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40) || "project";

/** Create a project; the creator becomes its admin. */
export async function createProject(
  deps: Pick<Deps, "db">,
  input: {
    name: string;
    ownerId?: string;
    actor: Actor;
    slug?: string;
    allowedReturnOrigins?: string[];
  },
): Promise<ProjectSummary> {
  const name = input.name.trim();
  if (!name || name.length > 80)
    throw new AppError("bad_request", "Project name must be 1–80 characters");
  const id = newId("prj");
  const slug = input.slug ?? `${slugify(name)}-${id.slice(-6).toLowerCase()}`;
  const project = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(projects)
      .values({ id, name, slug, allowedReturnOrigins: input.allowedReturnOrigins ?? [] })
      .returning({ id: projects.id, name: projects.name, slug: projects.slug });
    if (input.ownerId) {
      await tx
        .insert(projectMembers)
        .values({ projectId: id, operatorId: input.ownerId, role: "admin" });
    }
    return row!;
  });
  await recordAudit(deps, {
    projectId: id,
    actor: input.actor,
    verb: "project.create",
    objectType: "project",
    objectId: id,
    detail: { name },
  });
  return project;
}

/**
 * Projects an operator belongs to, with the role in each and the operator's current session
 * epoch (the same on every row; read here so the per-request session check needs no extra query).
 */
export async function listProjectsForOperator(
  deps: Pick<Deps, "db">,
  operatorId: string,
): Promise<Array<ProjectSummary & { role: Role; sessionEpoch: number }>> {
  return deps.db
    .select({
      id: projects.id,
      name: projects.name,
      slug: projects.slug,
      role: projectMembers.role,
      sessionEpoch: operators.sessionEpoch,
    })
    .from(projectMembers)
    .innerJoin(projects, eq(projects.id, projectMembers.projectId))
    .innerJoin(operators, eq(operators.id, projectMembers.operatorId))
    .where(eq(projectMembers.operatorId, operatorId))
    .orderBy(asc(projects.createdAt));
}

/** The operator's role in a project, or null when not a member. */
export async function getMembershipRole(
  deps: Pick<Deps, "db">,
  input: { operatorId: string; projectId: string },
): Promise<Role | null> {
  const [row] = await deps.db
    .select({ role: projectMembers.role })
    .from(projectMembers)
    .where(
      and(
        eq(projectMembers.operatorId, input.operatorId),
        eq(projectMembers.projectId, input.projectId),
      ),
    );
  return row?.role ?? null;
}

/** A project's settings. */
export async function getProjectSettings(
  deps: Pick<Deps, "db">,
  projectId: string,
): Promise<ProjectSettings> {
  const [row] = await deps.db
    .select({
      id: projects.id,
      name: projects.name,
      slug: projects.slug,
      allowedReturnOrigins: projects.allowedReturnOrigins,
      brandingName: projects.brandingName,
      brandingLogoUrl: projects.brandingLogoUrl,
      brandingAccent: projects.brandingAccent,
    })
    .from(projects)
    .where(eq(projects.id, projectId));
  if (!row) throw notFound("Project");
  return row;
}

/** Update a project's settings (name, return origins, connect-page branding). */
export async function updateProjectSettings(
  deps: Pick<Deps, "db">,
  input: {
    projectId: string;
    actor: Actor;
    patch: Partial<Omit<ProjectSettings, "id" | "slug">>;
  },
): Promise<void> {
  const patch = checkSettings(input.patch);
  await deps.db.update(projects).set(patch).where(eq(projects.id, input.projectId));
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: "project.update",
    objectType: "project",
    objectId: input.projectId,
    detail: { fields: Object.keys(patch) },
  });
}
