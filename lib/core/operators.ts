// Operators: people who sign in to the dashboard. Passwords are argon2id (SECURITY.md 15).
import { hash, verify } from "@node-rs/argon2";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { operators, projectMembers, type Role } from "@/db/schema";
import { randomToken } from "@/lib/crypto";
import { logInfo } from "@/lib/log";
import { recordAudit } from "./audit";
import type { Actor, Deps } from "./deps";
import { AppError, notFound } from "./errors";
import { newId } from "./ids";
import { signInSucceeded, takeSignInAttempt } from "./sign-in-limits";

// argon2id, OWASP's second recommended profile (m=19 MiB, t=2, p=1).
const ARGON = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export interface OperatorSummary {
  id: string;
  email: string;
  name: string;
}

const normalEmail = (email: string) => email.trim().toLowerCase();

/** A plausible email address (one @, a dotted domain, no spaces), lower-cased; else a 400. */
export function checkEmail(email: string): string {
  const e = normalEmail(email);
  if (e.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e))
    throw new AppError("bad_request", "Enter a valid email address, like name@example.com");
  return e;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

export function validatePassword(password: string): void {
  if (password.length < 10)
    throw new AppError("bad_request", "Password must be at least 10 characters");
  if (password.length > 200)
    throw new AppError("bad_request", "Password must be at most 200 characters");
}

/** A password that people can type: 4 groups of 5 random characters. */
export function generatePassword(): string {
  return (randomToken(20).replace(/[-_]/g, "x").match(/.{5}/g) ?? []).slice(0, 4).join("-");
}

/** Create an operator (email unique, case-insensitive). */
export async function createOperator(
  deps: Pick<Deps, "db">,
  input: { email: string; name: string; password: string; mustChangePassword?: boolean },
): Promise<OperatorSummary> {
  validatePassword(input.password);
  const email = checkEmail(input.email);
  const [existing] = await deps.db
    .select({ id: operators.id })
    .from(operators)
    .where(sql`lower(${operators.email}) = ${email}`);
  if (existing) throw new AppError("conflict", "An operator with this email already exists");
  const [row] = await deps.db
    .insert(operators)
    .values({
      id: newId("op"),
      email,
      name: input.name.trim() || email,
      passwordHash: await hashPassword(input.password),
      mustChangePassword: input.mustChangePassword ?? false,
    })
    .returning({ id: operators.id, email: operators.email, name: operators.name });
  return row!;
}

export async function findOperatorByEmail(deps: Pick<Deps, "db">, email: string) {
  const [row] = await deps.db
    .select({ id: operators.id, email: operators.email, name: operators.name })
    .from(operators)
    .where(sql`lower(${operators.email}) = ${normalEmail(email)}`);
  return row;
}

export type SignInResult =
  | { ok: true; operator: OperatorSummary & { sessionEpoch: number; mustChangePassword: boolean } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * Check a password behind the sign-in limits (lib/core/sign-in-limits.ts): a client over its
 * limit is refused before any hashing. `client` is the request's address (clientAddress).
 * A failure that empties a bucket answers "locked" with the wait, so the user learns it at once.
 */
export async function verifySignIn(
  deps: Pick<Deps, "db">,
  input: { email: string; password: string; client: string },
  now = Date.now(),
): Promise<SignInResult> {
  const email = normalEmail(input.email);
  const slot = await takeSignInAttempt(deps, { client: input.client, email }, now);
  if (!slot.allowed) {
    return refused(input.client, {
      ok: false,
      reason: "locked",
      retryAfterSeconds: slot.retryAfterSeconds,
    });
  }
  const [row] = await deps.db
    .select({
      id: operators.id,
      email: operators.email,
      name: operators.name,
      passwordHash: operators.passwordHash,
      sessionEpoch: operators.sessionEpoch,
      mustChangePassword: operators.mustChangePassword,
    })
    .from(operators)
    .where(sql`lower(${operators.email}) = ${email}`);
  // Verify against a dummy hash when the email is unknown so timing does not reveal it.
  const ok = row
    ? await verify(row.passwordHash, input.password)
    : await verify(await dummyHash(), input.password).then(() => false);
  if (ok && row) {
    await signInSucceeded(deps, slot.keys);
    return {
      ok: true,
      operator: {
        id: row.id,
        email: row.email,
        name: row.name,
        sessionEpoch: row.sessionEpoch,
        mustChangePassword: row.mustChangePassword,
      },
    };
  }
  const wait = slot.retryAfterFailureSeconds;
  return refused(
    input.client,
    wait > 0
      ? { ok: false, reason: "locked", retryAfterSeconds: wait }
      : { ok: false, reason: "invalid" },
  );
}

// An expected outcome, not an error: one info line, no stack, and never the email (people type
// passwords into it).
function refused<R extends SignInResult & { ok: false }>(client: string, result: R): R {
  logInfo("operator sign-in refused", {
    client,
    outcome: result.reason,
    ...(result.reason === "locked" ? { retryAfterSeconds: result.retryAfterSeconds } : {}),
  });
  return result;
}

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(randomToken(16)));

/** Change one's own password after checking the current one; ends the operator's other sessions. */
export async function changeOwnPassword(
  deps: Pick<Deps, "db">,
  input: { operatorId: string; current: string; next: string; actorLabel?: string },
): Promise<void> {
  validatePassword(input.next);
  const [row] = await deps.db
    .select({ passwordHash: operators.passwordHash })
    .from(operators)
    .where(eq(operators.id, input.operatorId));
  if (!row) throw notFound("Operator");
  if (!(await verify(row.passwordHash, input.current))) {
    throw new AppError("bad_request", "The current password is wrong");
  }
  await deps.db
    .update(operators)
    // The epoch bump in the same UPDATE is what makes sessions signed in before it invalid.
    .set({
      passwordHash: await hashPassword(input.next),
      sessionEpoch: sql`${operators.sessionEpoch} + 1`,
      mustChangePassword: false,
    })
    .where(eq(operators.id, input.operatorId));
  await recordAudit(deps, {
    projectId: null,
    actor: { type: "operator", id: input.operatorId, label: input.actorLabel ?? input.operatorId },
    verb: "operator.password_change",
    objectType: "operator",
    objectId: input.operatorId,
  });
}

export interface MemberSummary extends OperatorSummary {
  role: Role;
}

/** Operators of a project with their roles. */
export async function listMembers(
  deps: Pick<Deps, "db">,
  projectId: string,
): Promise<MemberSummary[]> {
  return deps.db
    .select({
      id: operators.id,
      email: operators.email,
      name: operators.name,
      role: projectMembers.role,
    })
    .from(projectMembers)
    .innerJoin(operators, eq(operators.id, projectMembers.operatorId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(operators.email);
}

/** Add a new or existing operator to a project. A new one gets a one-time password, returned once. */
export async function addMember(
  deps: Pick<Deps, "db">,
  input: { projectId: string; email: string; name: string; role: Role; actor: Actor },
): Promise<{ member: MemberSummary; oneTimePassword?: string }> {
  let op = await findOperatorByEmail(deps, input.email);
  let oneTimePassword: string | undefined;
  if (!op) {
    oneTimePassword = generatePassword();
    op = await createOperator(deps, {
      email: input.email,
      name: input.name,
      password: oneTimePassword,
      mustChangePassword: true,
    });
  }
  const inserted = await deps.db
    .insert(projectMembers)
    .values({ projectId: input.projectId, operatorId: op.id, role: input.role })
    .onConflictDoNothing()
    .returning({ operatorId: projectMembers.operatorId });
  if (inserted.length === 0)
    throw new AppError("conflict", "This operator is already a member of the project");
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: "operator.add",
    objectType: "operator",
    objectId: op.id,
    detail: { email: op.email, role: input.role },
  });
  return { member: { ...op, role: input.role }, oneTimePassword };
}

/** Change a member's role; the last admin cannot be demoted. */
export async function setMemberRole(
  deps: Pick<Deps, "db">,
  input: { projectId: string; operatorId: string; role: Role; actor: Actor },
): Promise<void> {
  const rows = await deps.db.transaction(async (tx) => {
    await guardLastAdmin(tx, input.projectId, input.operatorId, input.role);
    return tx
      .update(projectMembers)
      .set({ role: input.role })
      .where(
        and(
          eq(projectMembers.projectId, input.projectId),
          eq(projectMembers.operatorId, input.operatorId),
        ),
      )
      .returning({ operatorId: projectMembers.operatorId });
  });
  if (rows.length === 0) throw notFound("Member");
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: "operator.role",
    objectType: "operator",
    objectId: input.operatorId,
    detail: { role: input.role },
  });
}

/** Remove a member from a project; the last admin cannot be removed. */
export async function removeMember(
  deps: Pick<Deps, "db">,
  input: { projectId: string; operatorId: string; actor: Actor },
): Promise<void> {
  const rows = await deps.db.transaction(async (tx) => {
    await guardLastAdmin(tx, input.projectId, input.operatorId, null);
    return tx
      .delete(projectMembers)
      .where(
        and(
          eq(projectMembers.projectId, input.projectId),
          eq(projectMembers.operatorId, input.operatorId),
        ),
      )
      .returning({ operatorId: projectMembers.operatorId });
  });
  if (rows.length === 0) throw notFound("Member");
  await recordAudit(deps, {
    projectId: input.projectId,
    actor: input.actor,
    verb: "operator.remove",
    objectType: "operator",
    objectId: input.operatorId,
  });
}

// Locks the project's admin rows, so two admins demoting each other at once are serialised.
async function guardLastAdmin(tx: Tx, projectId: string, operatorId: string, next: Role | null) {
  if (next === "admin") return;
  const admins = await tx
    .select({ operatorId: projectMembers.operatorId })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.role, "admin")))
    .for("update");
  if (admins.length === 1 && admins[0]!.operatorId === operatorId) {
    throw new AppError("conflict", "A project needs at least one admin");
  }
}

/**
 * Reset an operator's password (the `admin:reset-password` CLI): a new one-time password that
 * must be changed at the next sign-in; every session of the operator ends. Returned once.
 */
export async function resetPassword(
  deps: Pick<Deps, "db">,
  input: { email: string; actor: Actor },
): Promise<{ operator: OperatorSummary; oneTimePassword: string }> {
  const op = await findOperatorByEmail(deps, input.email);
  if (!op) throw notFound(`Operator "${normalEmail(input.email)}"`);
  const oneTimePassword = generatePassword();
  await deps.db
    .update(operators)
    .set({
      passwordHash: await hashPassword(oneTimePassword),
      sessionEpoch: sql`${operators.sessionEpoch} + 1`,
      mustChangePassword: true,
    })
    .where(eq(operators.id, op.id));
  await recordAudit(deps, {
    projectId: null,
    actor: input.actor,
    verb: "operator.password_reset",
    objectType: "operator",
    objectId: op.id,
    detail: { email: op.email },
  });
  return { operator: op, oneTimePassword };
}

/** Edit one's own name and email (email unique, case-insensitive); audited with old → new. */
export async function updateOwnProfile(
  deps: Pick<Deps, "db">,
  input: { operatorId: string; name: string; email: string },
): Promise<OperatorSummary> {
  const email = checkEmail(input.email);
  const name = input.name.trim();
  if (!name || name.length > 200)
    throw new AppError("bad_request", "Name must be 1–200 characters");
  const [before] = await deps.db
    .select({ id: operators.id, email: operators.email, name: operators.name })
    .from(operators)
    .where(eq(operators.id, input.operatorId));
  if (!before) throw notFound("Operator");
  const [taken] = await deps.db
    .select({ id: operators.id })
    .from(operators)
    .where(and(sql`lower(${operators.email}) = ${email}`, sql`${operators.id} <> ${before.id}`));
  if (taken) throw new AppError("conflict", "Another operator already uses this email");
  const [after] = await deps.db
    .update(operators)
    .set({ name, email })
    .where(eq(operators.id, before.id))
    .returning({ id: operators.id, email: operators.email, name: operators.name })
    // The unique index decides a race between two operators taking the same email at once.
    .catch((err: unknown) => {
      if (/operators_email_key|unique/i.test(String((err as Error)?.message ?? err)))
        throw new AppError("conflict", "Another operator already uses this email");
      throw err;
    });
  await recordAudit(deps, {
    projectId: null,
    actor: { type: "operator", id: before.id, label: email },
    verb: "operator.profile",
    objectType: "operator",
    objectId: before.id,
    detail: {
      from: { name: before.name, email: before.email },
      to: { name: after!.name, email: after!.email },
    },
  });
  return after!;
}
