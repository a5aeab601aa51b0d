// First-boot data: the Default project, the first admin, the bootstrap API key, sandbox integrations.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { operators, projectMembers, projects } from "@/db/schema";
import { ensureApiKey } from "@/lib/core/api-keys";
import { systemActor, type Deps } from "@/lib/core/deps";
import { createOperator, findOperatorByEmail, generatePassword } from "@/lib/core/operators";
import { createProject } from "@/lib/core/projects";
import type { Env } from "@/lib/env";
import { firstAdminFile } from "./first-admin-file";
import { ensureSandboxIntegrations } from "./sandbox-integrations";

/** The Default project's id (created on first boot). */
export async function defaultProjectId(deps: Pick<Deps, "db" | "publicUrl">): Promise<string> {
  const [row] = await deps.db
    .select({ id: projects.id })
    .from(projects)
    .where(eq(projects.slug, "default"));
  if (row) return row.id;
  const created = await createProject(deps, {
    name: "Default",
    slug: "default",
    actor: systemActor,
    allowedReturnOrigins: [...new Set([new URL(deps.publicUrl).origin, "http://localhost:3000"])],
  }).catch(async (err: unknown) => {
    // Another instance created it at the same moment.
    const [again] = await deps.db
      .select({ id: projects.id })
      .from(projects)
      .where(eq(projects.slug, "default"));
    if (again) return again;
    throw err;
  });
  return created.id;
}

/** A path relative to the working directory when it is under it. */
const shown = (file: string) => {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
};

async function seedAdmin(deps: Deps, e: Env, projectId: string): Promise<void> {
  if (e.adminEmail && e.adminPassword) {
    const existing = await findOperatorByEmail(deps, e.adminEmail);
    const op =
      existing ??
      (await createOperator(deps, {
        email: e.adminEmail,
        name: "Admin",
        password: e.adminPassword,
      }));
    await deps.db
      .insert(projectMembers)
      .values({ projectId, operatorId: op.id, role: "admin" })
      .onConflictDoNothing();
    return;
  }
  const [any] = await deps.db.select({ id: operators.id }).from(operators).limit(1);
  if (any) return;
  const email = "admin@keyport.local";
  const password = generatePassword();
  // Like every generated password, a one-time one: the first sign-in must choose a new one.
  const op = await createOperator(deps, {
    email,
    name: "Admin",
    password,
    mustChangePassword: true,
  });
  await deps.db
    .insert(projectMembers)
    .values({ projectId, operatorId: op.id, role: "admin" })
    .onConflictDoNothing();
  const file = e.production ? null : firstAdminFile(e);
  const banner = [
    "",
    "  Keyport first boot — an admin operator was created:",
    `    email:    ${email}`,
    `    password: ${password}`,
    "  It is a one-time password: sign in and Keyport asks you to choose your own. Shown only once.",
    ...(file ? [`  (A copy for this database is kept in ${shown(file)}.)`] : []),
    "",
  ].join("\n");
  // The one deliberate print of a secret: the first admin's password, once, to the terminal.
  process.stdout.write(`${banner}\n`);
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${email}\n${password}\n`, { mode: 0o600 });
  }
}

/** Idempotent first-boot setup; safe when several instances boot together. */
export async function seed(deps: Deps, e: Env): Promise<void> {
  const projectId = await defaultProjectId(deps);
  await seedAdmin(deps, e, projectId);
  if (e.bootstrapApiKey) {
    await ensureApiKey(deps, {
      projectId,
      name: "bootstrap",
      key: e.bootstrapApiKey,
      actor: systemActor,
    });
  }
  if (deps.sandboxOrigin) await ensureSandboxIntegrations(deps, projectId, e);
}
