// Issue 11 item 7: sign-out ends the session on the server; the operator's other sessions live on.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operatorSessions } from "@/db/schema";
import type { Actor, Deps } from "@/lib/core/deps";
import {
  createOperatorSession,
  endOperatorSession,
  getOperatorSession,
} from "@/lib/core/operator-sessions";
import { changeOwnPassword, createOperator } from "@/lib/core/operators";
import { createProject } from "@/lib/core/projects";
import { expireAbandonedFlows } from "@/lib/core/sweeps";
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
const actor: Actor = { type: "system", label: "test" };
const HOUR = 3600;

async function newOperator() {
  const op = await createOperator(deps, {
    email: `session${++seq}@example.com`,
    name: "Op",
    password: PASSWORD,
  });
  const project = await createProject(deps, { name: `P${seq}`, ownerId: op.id, actor });
  return { op, project };
}

describe("operator sessions (issue 11 item 7)", () => {
  it("a signed-out session is refused by the per-request read; the operator's other session is not", async () => {
    const { op, project } = await newOperator();
    const laptop = await createOperatorSession(deps, { operatorId: op.id, maxAgeSeconds: HOUR });
    const phone = await createOperatorSession(deps, { operatorId: op.id, maxAgeSeconds: HOUR });
    const read = (sessionId: string) => getOperatorSession(deps, { operatorId: op.id, sessionId });
    expect(await read(laptop)).toEqual({
      alive: true,
      sessionEpoch: 0,
      mustChangePassword: false,
      email: op.email,
      name: op.name,
      projects: [{ id: project.id, name: project.name, slug: project.slug, role: "admin" }],
    });
    await endOperatorSession(deps, laptop);
    expect(await read(laptop)).toMatchObject({ alive: false, sessionEpoch: 0 });
    expect(await read(phone)).toMatchObject({ alive: true });
    // Ending it again, or a session that never existed, changes nothing.
    await endOperatorSession(deps, laptop);
    await endOperatorSession(deps, "never-issued");
    expect(await read(phone)).toMatchObject({ alive: true });
  });

  it("a session id is bound to its operator, stored only as a keyed hash, and refused once expired", async () => {
    const { op } = await newOperator();
    const { op: other } = await newOperator();
    const sessionId = await createOperatorSession(deps, { operatorId: op.id, maxAgeSeconds: HOUR });
    expect(await getOperatorSession(deps, { operatorId: other.id, sessionId })).toMatchObject({
      alive: false,
    });
    const stored = await deps.db.select({ id: operatorSessions.id }).from(operatorSessions);
    expect(JSON.stringify(stored)).not.toContain(sessionId);
    const expired = await createOperatorSession(deps, { operatorId: op.id, maxAgeSeconds: -1 });
    expect(await getOperatorSession(deps, { operatorId: op.id, sessionId: expired })).toMatchObject(
      {
        alive: false,
      },
    );
    expect(await getOperatorSession(deps, { operatorId: "op_gone", sessionId })).toBeNull();
  });

  it("reports a member of no project with a live session, and the epoch a password change bumps", async () => {
    const op = await createOperator(deps, {
      email: `lonely${++seq}@example.com`,
      name: "Lonely",
      password: PASSWORD,
    });
    const sessionId = await createOperatorSession(deps, { operatorId: op.id, maxAgeSeconds: HOUR });
    expect(await getOperatorSession(deps, { operatorId: op.id, sessionId })).toEqual({
      alive: true,
      sessionEpoch: 0,
      mustChangePassword: false,
      email: op.email,
      name: op.name,
      projects: [],
    });
    await changeOwnPassword(deps, {
      operatorId: op.id,
      current: PASSWORD,
      next: "another password",
    });
    expect(await getOperatorSession(deps, { operatorId: op.id, sessionId })).toMatchObject({
      sessionEpoch: 1,
    });
  });

  it("the expire sweep deletes expired sessions and keeps live ones", async () => {
    const { op } = await newOperator();
    const live = await createOperatorSession(deps, { operatorId: op.id, maxAgeSeconds: HOUR });
    await createOperatorSession(deps, { operatorId: op.id, maxAgeSeconds: -60 });
    const count = async () =>
      (await deps.db.select().from(operatorSessions).where(eq(operatorSessions.operatorId, op.id)))
        .length;
    expect(await count()).toBe(2);
    await expireAbandonedFlows(deps);
    expect(await count()).toBe(1);
    expect(await getOperatorSession(deps, { operatorId: op.id, sessionId: live })).toMatchObject({
      alive: true,
    });
  });
});
