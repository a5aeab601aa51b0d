import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, operators } from "@/db/schema";
import type { Actor, Deps } from "@/lib/core/deps";
import {
  addMember,
  changeOwnPassword,
  createOperator,
  listMembers,
  removeMember,
  setMemberRole,
  verifySignIn,
} from "@/lib/core/operators";
import { createProject, listProjectsForOperator } from "@/lib/core/projects";
import { openTestDb, testDeps, type TestDb } from "../support/db";

let handle: TestDb;
let deps: Deps;
let seq = 0;

beforeAll(async () => {
  handle = await openTestDb();
  deps = testDeps(handle);
});

afterAll(async () => {
  await handle?.close();
});

const PASSWORD = "correct horse battery";
const email = () => `op${++seq}@example.com`;
const actor: Actor = { type: "system", label: "test" };

// Each test signs in from its own address: the sign-in limits count per client.
let client = "";
let clients = 0;
beforeEach(() => {
  client = `203.0.113.${++clients}`;
});

async function newOperator(password = PASSWORD) {
  return createOperator(deps, { email: email(), name: "Op", password });
}

describe("operator passwords (SECURITY.md 15)", () => {
  it("stores an argon2id hash, never the password", async () => {
    const op = await newOperator();
    const [row] = await deps.db.select().from(operators).where(eq(operators.id, op.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
  });

  it("signs in with the right password, case-insensitively on the email", async () => {
    const op = await newOperator();
    const ok = await verifySignIn(deps, {
      email: op.email.toUpperCase(),
      password: PASSWORD,
      client,
    });
    expect(ok).toEqual({
      ok: true,
      operator: {
        id: op.id,
        email: op.email,
        name: "Op",
        sessionEpoch: 0,
        mustChangePassword: false,
      },
    });
  });

  it("answers invalid for a wrong password and for an unknown email alike", async () => {
    const op = await newOperator();
    expect(
      await verifySignIn(deps, { email: op.email, password: "wrong password", client }),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      await verifySignIn(deps, { email: "nobody@example.com", password: PASSWORD, client }),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  // Issue 11 item 3: the lock is per client, so nobody can lock the owner of an email out.
  it("after 5 failures one client is refused even the correct password; another client signs in", async () => {
    const op = await newOperator();
    for (let i = 1; i <= 4; i++) {
      const r = await verifySignIn(deps, { email: op.email, password: `wrong ${i}`, client });
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const fifth = await verifySignIn(deps, { email: op.email, password: "wrong 5", client });
    expect(fifth).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 30 });
    const correct = await verifySignIn(deps, { email: op.email, password: PASSWORD, client });
    expect(correct).toMatchObject({ ok: false, reason: "locked" });
    expect(
      correct.ok === false && correct.reason === "locked" && correct.retryAfterSeconds,
    ).toBeGreaterThan(0);
    // The owner, from anywhere else, is not affected.
    const elsewhere = await verifySignIn(deps, {
      email: op.email,
      password: PASSWORD,
      client: "198.51.100.20",
    });
    expect(elsewhere).toMatchObject({ ok: true, operator: { id: op.id } });
    // Nor is another email from the limited client.
    const other = await newOperator();
    expect((await verifySignIn(deps, { email: other.email, password: PASSWORD, client })).ok).toBe(
      true,
    );
  });

  // Parallel guesses must each be counted (the count is incremented atomically).
  it("counts parallel guesses too: no more than 4 of 20 answer invalid", async () => {
    const op = await newOperator();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        verifySignIn(deps, { email: op.email, password: `parallel wrong ${i}`, client }),
      ),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(4);
  });

  // Attempts are counted before the password is checked: of 19 parallel guesses from one client
  // at most 5 are checked, and the right password right after them is not let in. (Which 5 of
  // the parallel ones get checked depends on the pool's order, so the right one comes after.)
  it("counts parallel guesses before checking them: the right password after 19 is refused", async () => {
    const op = await newOperator();
    const results = await Promise.all(
      Array.from({ length: 19 }, (_, i) =>
        verifySignIn(deps, { email: op.email, password: `guess ${i}`, client }),
      ),
    );
    const checked = results.filter((r) => r.ok || r.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(await verifySignIn(deps, { email: op.email, password: PASSWORD, client })).toMatchObject(
      { ok: false, reason: "locked" },
    );
  });

  it("a successful sign-in clears earlier failures", async () => {
    const op = await newOperator();
    for (let i = 0; i < 4; i++)
      await verifySignIn(deps, { email: op.email, password: "nope nope", client });
    expect((await verifySignIn(deps, { email: op.email, password: PASSWORD, client })).ok).toBe(
      true,
    );
    for (let i = 0; i < 4; i++) {
      expect(await verifySignIn(deps, { email: op.email, password: "nope nope", client })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
  });

  it("changes one's own password only with the current one", async () => {
    const op = await newOperator();
    await expect(
      changeOwnPassword(deps, {
        operatorId: op.id,
        current: "not my password",
        next: "a brand new password",
      }),
    ).rejects.toMatchObject({ code: "bad_request" });
    expect((await verifySignIn(deps, { email: op.email, password: PASSWORD, client })).ok).toBe(
      true,
    );
    await expect(
      changeOwnPassword(deps, { operatorId: op.id, current: PASSWORD, next: "short" }),
    ).rejects.toMatchObject({ code: "bad_request" });
    await changeOwnPassword(deps, {
      operatorId: op.id,
      current: PASSWORD,
      next: "a brand new password",
    });
    expect(
      (await verifySignIn(deps, { email: op.email, password: "a brand new password", client })).ok,
    ).toBe(true);
    expect((await verifySignIn(deps, { email: op.email, password: PASSWORD, client })).ok).toBe(
      false,
    );
  });

  // Sessions carry the epoch they signed in under; a newer one in the database refuses them.
  it("a password change bumps the session epoch that sign-in returns; a refused change does not", async () => {
    const op = await newOperator();
    const epoch = async () =>
      (
        await deps.db
          .select({ sessionEpoch: operators.sessionEpoch })
          .from(operators)
          .where(eq(operators.id, op.id))
      )[0]?.sessionEpoch;
    expect(await epoch()).toBe(0);
    await expect(
      changeOwnPassword(deps, {
        operatorId: op.id,
        current: "wrong one",
        next: "another password",
      }),
    ).rejects.toMatchObject({ code: "bad_request" });
    expect(await epoch()).toBe(0);

    await changeOwnPassword(deps, {
      operatorId: op.id,
      current: PASSWORD,
      next: "second password",
    });
    expect(await epoch()).toBe(1);
    expect(
      await verifySignIn(deps, { email: op.email, password: "second password", client }),
    ).toMatchObject({
      ok: true,
      operator: { id: op.id, sessionEpoch: 1 },
    });
    await changeOwnPassword(deps, {
      operatorId: op.id,
      current: "second password",
      next: "third password!",
    });
    expect(await epoch()).toBe(2);
    expect(
      await verifySignIn(deps, { email: op.email, password: "third password!", client }),
    ).toMatchObject({
      ok: true,
      operator: { sessionEpoch: 2 },
    });
    const audited = await deps.db
      .select({ verb: auditLog.verb, actorId: auditLog.actorId })
      .from(auditLog)
      .where(eq(auditLog.objectId, op.id));
    expect(audited).toEqual([
      { verb: "operator.password_change", actorId: op.id },
      { verb: "operator.password_change", actorId: op.id },
    ]);
    // The epoch comes with the operator's projects, read on every request.
    const project = await createProject(deps, { name: "Epoch", ownerId: op.id, actor });
    expect(await listProjectsForOperator(deps, op.id)).toEqual([
      { id: project.id, name: "Epoch", slug: project.slug, role: "admin", sessionEpoch: 2 },
    ]);
  });

  it("refuses a second operator with the same email in another case, and short passwords", async () => {
    const op = await newOperator();
    await expect(
      createOperator(deps, { email: op.email.toUpperCase(), name: "Dup", password: PASSWORD }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      createOperator(deps, { email: email(), name: "Short", password: "123456789" }),
    ).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("project members", () => {
  it("never lets the last admin be removed or demoted", async () => {
    const owner = await newOperator();
    const project = await createProject(deps, { name: "Admins", ownerId: owner.id, actor });
    const input = { projectId: project.id, operatorId: owner.id, actor };
    await expect(removeMember(deps, input)).rejects.toMatchObject({ code: "conflict" });
    await expect(setMemberRole(deps, { ...input, role: "viewer" })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(setMemberRole(deps, { ...input, role: "support" })).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await listMembers(deps, project.id)).map((m) => m.role)).toEqual(["admin"]);

    // With a second admin, the first may step down, and then the second is the last one.
    const second = await addMember(deps, {
      projectId: project.id,
      email: email(),
      name: "Second",
      role: "admin",
      actor,
    });
    await setMemberRole(deps, { ...input, role: "viewer" });
    await expect(
      removeMember(deps, { projectId: project.id, operatorId: second.member.id, actor }),
    ).rejects.toMatchObject({ code: "conflict" });
    await removeMember(deps, input);
    expect((await listMembers(deps, project.id)).map((m) => m.id)).toEqual([second.member.id]);
  });

  // Two admins demoting each other at once must leave one admin (the admin rows are locked).
  it("keeps one admin when two admins are demoted at the same time", async () => {
    const a = await newOperator();
    const project = await createProject(deps, { name: "Race", ownerId: a.id, actor });
    const b = await addMember(deps, {
      projectId: project.id,
      email: email(),
      name: "B",
      role: "admin",
      actor,
    });
    await Promise.allSettled(
      [a.id, b.member.id].map((operatorId) =>
        setMemberRole(deps, { projectId: project.id, operatorId, role: "viewer", actor }),
      ),
    );
    const roles = (await listMembers(deps, project.id)).map((m) => m.role);
    expect(roles).toContain("admin");
  });

  it("gives a new operator a one-time password that signs in; an existing one gets none", async () => {
    const owner = await newOperator();
    const project = await createProject(deps, { name: "Team", ownerId: owner.id, actor });
    const added = await addMember(deps, {
      projectId: project.id,
      email: email(),
      name: "New",
      role: "support",
      actor,
    });
    expect(added.oneTimePassword).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(added.member.role).toBe("support");
    const signIn = await verifySignIn(deps, {
      email: added.member.email,
      password: added.oneTimePassword!,
      client,
    });
    expect(signIn.ok).toBe(true);

    const other = await createProject(deps, { name: "Other", ownerId: owner.id, actor });
    const again = await addMember(deps, {
      projectId: other.id,
      email: added.member.email.toUpperCase(),
      name: "ignored",
      role: "viewer",
      actor,
    });
    expect(again.oneTimePassword).toBeUndefined();
    expect(again.member.id).toBe(added.member.id);
    await expect(
      addMember(deps, {
        projectId: other.id,
        email: added.member.email,
        name: "x",
        role: "admin",
        actor,
      }),
    ).rejects.toMatchObject({ code: "conflict" });
  });
});
