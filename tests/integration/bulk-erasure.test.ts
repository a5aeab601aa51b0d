// Bulk work and erasure (issue 13 item 4): disable/enable/delete many, delete stale connections
// older than N days, erase an entity (revoking upstream at the real sandbox), delete an
// integration with its connections; every state change audited with old → new; another
// project's ids change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, connections, executions } from "@/db/schema";
import type { Sandbox } from "@/lib/sandbox";
import {
  BULK_MAX_IDS,
  bulkDelete,
  bulkSetEnabled,
  countStale,
  deleteIntegrationWithConnections,
  deleteStale,
} from "@/lib/core/bulk";
import { getConnection } from "@/lib/core/connections";
import type { Actor, Deps } from "@/lib/core/deps";
import { findEntity } from "@/lib/core/entities";
import { eraseEntity } from "@/lib/core/erase";
import { AppError } from "@/lib/core/errors";
import { createReconnectLink, initiateConnection } from "@/lib/core/initiate";
import { createIntegration, getIntegration } from "@/lib/core/integrations";
import { createProject } from "@/lib/core/projects";
import { systemActor } from "@/lib/core/deps";
import { openTestDb, testDeps, type TestDb } from "../support/db";
import { dbSnapshot } from "../support/db-snapshot";
import { connectAtSandbox, sandboxStats } from "../support/oauth-browser";
import { startTestSandbox, SANDBOX_CLIENT_ID } from "../support/sandbox";

const SECRET = "bulk-erasure-secret";
const actor: Actor = { type: "operator", id: "op_test", label: "Support Sam" };
let sandbox: Sandbox;
let handle: TestDb;
let deps: Deps;
let A = "";
let B = "";
let oauthA = "";
let oauthB = "";

async function pending(projectId: string, integrationId: string, userId: string) {
  const r = await initiateConnection(deps, { projectId, userId, integrationId, actor });
  return r.connection.id;
}

async function auditOf(objectId: string) {
  return handle.db
    .select({ verb: auditLog.verb, detail: auditLog.detail, actorLabel: auditLog.actorLabel })
    .from(auditLog)
    .where(eq(auditLog.objectId, objectId))
    .orderBy(auditLog.id);
}

async function age(id: string, days: number) {
  await handle.db
    .update(connections)
    .set({ updatedAt: new Date(Date.now() - days * 86_400_000) })
    .where(eq(connections.id, id));
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ clientSecret: SECRET });
  handle = await openTestDb();
  deps = testDeps(handle, { sandboxOrigin: sandbox.issuer, publicUrl: "http://localhost:3000" });
  A = (await createProject(deps, { name: "A", actor: systemActor })).id;
  B = (await createProject(deps, { name: "B", actor: systemActor })).id;
  const config = { appKey: "sandbox", clientId: SANDBOX_CLIENT_ID, clientSecret: SECRET };
  oauthA = (await createIntegration(deps, { ...config, projectId: A, actor })).id;
  oauthB = (await createIntegration(deps, { ...config, projectId: B, actor })).id;
});

afterAll(async () => {
  await handle?.close();
  await sandbox?.close();
});

describe("bulk disable / enable / delete", () => {
  it("disables and enables many, each audited with old → new", async () => {
    const key = await initiateConnection(deps, {
      projectId: A,
      userId: "bulk-user",
      appKey: "sandbox_key",
      credentials: { api_key: "sbx_demo_key" },
      actor,
    });
    const ids = [key.connection.id, await pending(A, oauthA, "bulk-user")];
    const off = await bulkSetEnabled(deps, { projectId: A, ids, enabled: false, actor });
    expect(off).toEqual({ done: ids, notFound: [] });
    const active = await getConnection(deps, { projectId: A, id: ids[0]! });
    expect([active.enabled, active.status]).toEqual([false, "INACTIVE"]);
    expect((await getConnection(deps, { projectId: A, id: ids[1]! })).status).toBe("INITIATED");
    expect(await auditOf(ids[0]!)).toContainEqual({
      verb: "connection.disable",
      actorLabel: "Support Sam",
      detail: {
        from: { status: "ACTIVE", enabled: true },
        to: { status: "INACTIVE", enabled: false },
      },
    });
    await bulkSetEnabled(deps, { projectId: A, ids, enabled: true, actor });
    expect((await getConnection(deps, { projectId: A, id: ids[0]! })).status).toBe("ACTIVE");
    expect((await auditOf(ids[0]!)).at(-1)).toEqual({
      verb: "connection.enable",
      actorLabel: "Support Sam",
      detail: {
        from: { status: "INACTIVE", enabled: false },
        to: { status: "ACTIVE", enabled: true },
      },
    });
  });

  it("a reconnect link is audited with the status it started from", async () => {
    const id = await pending(A, oauthA, "reconnect-user");
    const link = await createReconnectLink(deps, { projectId: A, id, actor });
    expect((await auditOf(id)).at(-1)).toEqual({
      verb: "connection.reconnect",
      actorLabel: "Support Sam",
      detail: {
        from: { status: "INITIATED", enabled: true },
        to: { status: "awaiting end user", link: link.id },
      },
    });
  });

  it("deletes many, audited with what they were", async () => {
    const ids = [await pending(A, oauthA, "del-1"), await pending(A, oauthA, "del-2")];
    const out = await bulkDelete(deps, { projectId: A, ids, actor });
    expect(out).toMatchObject({ done: ids, notFound: [], revoked: 0, revokeFailed: [] });
    for (const id of ids) {
      const e = await getConnection(deps, { projectId: A, id }).catch((err: unknown) => err);
      expect((e as AppError).code).toBe("not_found");
      expect((await auditOf(id)).at(-1)).toMatchObject({
        verb: "connection.delete",
        detail: { from: { status: "INITIATED", enabled: true }, to: "deleted" },
      });
    }
  });

  it("refuses an empty or oversized id list", async () => {
    for (const ids of [[], Array.from({ length: BULK_MAX_IDS + 1 }, (_, i) => `ca_${i}`)]) {
      const e = await bulkDelete(deps, { projectId: A, ids, actor }).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe("bad_request");
    }
  });

  it("another project's ids are not found and nothing changes anywhere", async () => {
    const theirs = [await pending(B, oauthB, "b-user"), await pending(B, oauthB, "b-user-2")];
    await age(theirs[0]!, 30);
    const before = await dbSnapshot(handle.db);
    expect(
      await bulkSetEnabled(deps, { projectId: A, ids: theirs, enabled: false, actor }),
    ).toEqual({ done: [], notFound: theirs });
    expect(await bulkDelete(deps, { projectId: A, ids: theirs, actor })).toMatchObject({
      done: [],
      notFound: theirs,
    });
    expect(
      await deleteStale(deps, { projectId: A, kind: "abandoned", olderThanDays: 20, actor }),
    ).toMatchObject({ done: [] });
    expect(await dbSnapshot(handle.db)).toEqual(before);
    // Control: the same call in B's own project deletes it (so the comparison can fail).
    expect(await bulkDelete(deps, { projectId: B, ids: theirs, actor })).toMatchObject({
      done: theirs,
    });
    expect(await dbSnapshot(handle.db)).not.toEqual(before);
  });
});

describe("delete stale connections older than N days", () => {
  it("deletes abandoned links and EXPIRED connections past the age, keeps the rest", async () => {
    const oldLink = await pending(A, oauthA, "stale-1");
    const newLink = await pending(A, oauthA, "stale-2");
    const expired = await pending(A, oauthA, "stale-3");
    await age(oldLink, 10);
    await age(newLink, 2);
    await handle.db
      .update(connections)
      .set({ status: "EXPIRED", updatedAt: new Date(Date.now() - 40 * 86_400_000) })
      .where(eq(connections.id, expired));
    expect(await countStale(deps, { projectId: A, kind: "expired", olderThanDays: 30 })).toBe(1);
    const ex = await deleteStale(deps, { projectId: A, kind: "expired", olderThanDays: 30, actor });
    expect(ex).toMatchObject({ done: [expired], more: false });
    const ab = await deleteStale(deps, {
      projectId: A,
      kind: "abandoned",
      olderThanDays: 7,
      actor,
    });
    expect(ab.done).toEqual([oldLink]);
    expect((await getConnection(deps, { projectId: A, id: newLink })).status).toBe("INITIATED");
    const bad = await deleteStale(deps, {
      projectId: A,
      kind: "expired",
      olderThanDays: -1,
      actor,
    }).catch((err: unknown) => err);
    expect((bad as AppError).code).toBe("bad_request");
  });
});

describe("erase an entity (GDPR)", () => {
  it("revokes its tokens at the provider, deletes its connections, log and the entity", async () => {
    const id = await connectAtSandbox(deps, {
      projectId: A,
      userId: "erase-me",
      integrationId: oauthA,
      username: "erin",
    });
    const other = await pending(A, oauthA, "erase-me");
    const keep = await pending(A, oauthA, "keep-me");
    await handle.db.insert(executions).values({
      id: "log_erase_1",
      projectId: A,
      connectionId: id,
      entityId: "erase-me",
      appKey: "sandbox",
      action: "SANDBOX_GET_ME",
      status: "success",
      durationMs: 5,
    });
    const revocationsBefore = (await sandboxStats(sandbox.issuer)).revocations;
    const out = await eraseEntity(deps, { projectId: A, userId: "erase-me", actor });
    expect(out).toEqual({
      userId: "erase-me",
      connectionsDeleted: 2,
      revoked: 1,
      revokeFailed: [],
      executionsDeleted: 1,
    });
    // Refresh token and access token each revoked once.
    expect((await sandboxStats(sandbox.issuer)).revocations - revocationsBefore).toBe(2);
    expect(await findEntity(deps, { projectId: A, externalId: "erase-me" })).toBeUndefined();
    for (const gone of [id, other]) {
      const rows = await handle.db.select().from(connections).where(eq(connections.id, gone));
      expect(rows).toEqual([]);
    }
    const logs = await handle.db
      .select()
      .from(executions)
      .where(and(eq(executions.projectId, A), eq(executions.entityId, "erase-me")));
    expect(logs).toEqual([]);
    expect((await getConnection(deps, { projectId: A, id: keep })).entityId).toBe("keep-me");
    expect((await auditOf("erase-me")).at(-1)).toMatchObject({
      verb: "entity.erase",
      detail: { from: { connections: 2, executions: 1 }, to: "erased", revoked: 1 },
    });
    const again = await eraseEntity(deps, { projectId: A, userId: "erase-me", actor }).catch(
      (err: unknown) => err,
    );
    expect((again as AppError).code).toBe("not_found");
  });
});

describe("delete an integration with its connections", () => {
  it("deletes the connections first, then the integration", async () => {
    const config = { appKey: "sandbox", clientId: SANDBOX_CLIENT_ID, clientSecret: SECRET };
    const integ = (await createIntegration(deps, { ...config, projectId: A, actor })).id;
    const ids = [await pending(A, integ, "i-1"), await pending(A, integ, "i-2")];
    const out = await deleteIntegrationWithConnections(deps, { projectId: A, id: integ, actor });
    expect(out.done.sort()).toEqual([...ids].sort());
    const e = await getIntegration(deps, { projectId: A, id: integ }).catch((err: unknown) => err);
    expect((e as AppError).code).toBe("not_found");
  });
});
