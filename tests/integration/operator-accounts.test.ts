// Operator accounts (issue 13 item 5): a one-time password forces a change and dies with it,
// profile edits (email unique and validated), password reset; each audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, operators } from "@/db/schema";
import { systemActor, type Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import {
  addMember,
  changeOwnPassword,
  resetPassword,
  updateOwnProfile,
  verifySignIn,
} from "@/lib/core/operators";
import { getOperatorSession } from "@/lib/core/operator-sessions";
import { createProject } from "@/lib/core/projects";
import { openTestDb, testDeps, type TestDb } from "../support/db";

let handle: TestDb;
let deps: Deps;
let projectId = "";
const client = "203.0.113.9";

const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

beforeAll(async () => {
  handle = await openTestDb();
  deps = testDeps(handle);
  projectId = (await createProject(deps, { name: "Ops", actor: systemActor })).id;
});
afterAll(async () => handle?.close());

describe("one-time passwords", () => {
  it("a new operator must change the one-time password; afterwards it no longer works", async () => {
    const { member, oneTimePassword } = await addMember(deps, {
      projectId,
      email: "new@example.com",
      name: "New",
      role: "support",
      actor: systemActor,
    });
    const first = await verifySignIn(deps, {
      email: "new@example.com",
      password: oneTimePassword!,
      client,
    });
    expect(first).toMatchObject({ ok: true, operator: { mustChangePassword: true } });
    const session = await getOperatorSession(deps, { operatorId: member.id, sessionId: "none" });
    expect(session?.mustChangePassword).toBe(true);
    await changeOwnPassword(deps, {
      operatorId: member.id,
      current: oneTimePassword!,
      next: "my-own-password-1",
    });
    const again = await verifySignIn(deps, {
      email: "new@example.com",
      password: oneTimePassword!,
      client,
    });
    expect(again.ok).toBe(false);
    const mine = await verifySignIn(deps, {
      email: "new@example.com",
      password: "my-own-password-1",
      client,
    });
    expect(mine).toMatchObject({ ok: true, operator: { mustChangePassword: false } });
  });

  it("reset gives a new one-time password, ends sessions, is audited", async () => {
    const [before] = await handle.db
      .select()
      .from(operators)
      .where(eq(operators.email, "new@example.com"));
    const r = await resetPassword(deps, {
      email: "NEW@example.com",
      actor: { type: "system", label: "cli" },
    });
    const [after] = await handle.db.select().from(operators).where(eq(operators.id, before!.id));
    expect(after!.mustChangePassword).toBe(true);
    expect(after!.sessionEpoch).toBe(before!.sessionEpoch + 1);
    expect(
      (
        await verifySignIn(deps, {
          email: "new@example.com",
          password: "my-own-password-1",
          client,
        })
      ).ok,
    ).toBe(false);
    expect(
      (await verifySignIn(deps, { email: "new@example.com", password: r.oneTimePassword, client }))
        .ok,
    ).toBe(true);
    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.verb, "operator.password_reset"));
    expect(audit.map((a) => a.objectId)).toEqual([before!.id]);
    expect(JSON.stringify(audit)).not.toContain(r.oneTimePassword);
    expect(
      await code(resetPassword(deps, { email: "nobody@example.com", actor: systemActor })),
    ).toBe("not_found");
  });
});

describe("profile edits", () => {
  it("changes name and email, validates and keeps emails unique", async () => {
    const a = await addMember(deps, {
      projectId,
      email: "a@example.com",
      name: "A",
      role: "viewer",
      actor: systemActor,
    });
    await addMember(deps, {
      projectId,
      email: "b@example.com",
      name: "B",
      role: "viewer",
      actor: systemActor,
    });
    const id = a.member.id;
    expect(
      await updateOwnProfile(deps, { operatorId: id, name: " Alice ", email: "Alice@Example.com" }),
    ).toEqual({
      id,
      name: "Alice",
      email: "alice@example.com",
    });
    const s = await getOperatorSession(deps, { operatorId: id, sessionId: "none" });
    expect([s?.name, s?.email]).toEqual(["Alice", "alice@example.com"]);
    expect(
      await code(updateOwnProfile(deps, { operatorId: id, name: "A", email: "B@example.com" })),
    ).toBe("conflict");
    expect(
      await code(updateOwnProfile(deps, { operatorId: id, name: "A", email: "not-an-email" })),
    ).toBe("bad_request");
    expect(
      await code(updateOwnProfile(deps, { operatorId: id, name: "  ", email: "a2@example.com" })),
    ).toBe("bad_request");
    const [row] = await handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.verb, "operator.profile"));
    expect(row!.detail).toEqual({
      from: { name: "A", email: "a@example.com" },
      to: { name: "Alice", email: "alice@example.com" },
    });
  });
});
