// What "Needs attention" and an entity's health say (issue 13 items 1 and 3), on real rows: repeated
// failed calls and a refused credential put an ACTIVE connection on the list; a success takes it off;
// a single failure is a notice, never "nothing looks wrong"; connect links nobody finished get their
// own mark, stay off the list by default, are reused by the next link and deleted after retention.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionEvents, connections } from "@/db/schema";
import { bindings } from "@/lib/core/bindings";
import { systemActor, type Deps } from "@/lib/core/deps";
import { executeAction } from "@/lib/core/execute";
import { initiateConnection } from "@/lib/core/initiate";
import {
  connectionHealth,
  connectionsNeedingAttention,
  countAbandonedLinks,
  REPEATED_FAILURES,
  verdictOf,
} from "@/lib/core/overview";
import { seal } from "@/lib/core/sealed";
import { deleteAbandonedLinks, expireAbandonedFlows } from "@/lib/core/sweeps";
import { randomToken } from "@/lib/crypto";
import type { Sandbox } from "@/lib/sandbox";
import type { TestDb } from "../support/db";
import { openSandboxProject } from "../support/sandbox-project";

const CLIENT_SECRET = `cs_att_${randomToken(12)}`;
const actor = systemActor;
let sandbox: Sandbox;
let handle: TestDb;
let deps: Deps;
let projectId: string;
let oauthIntegration: string;

const attention = async (includeAbandoned = false) =>
  (await connectionsNeedingAttention(deps, { projectId, limit: 50, includeAbandoned })).map((i) => [
    i.id,
    i.kind,
  ]);

async function verdict(id: string) {
  const [row] = await deps.db.select().from(connections).where(eq(connections.id, id));
  const h = await connectionHealth(deps, { projectId, connectionIds: [id] });
  return verdictOf(row!, h.get(id));
}

const keyConnection = async (userId: string) =>
  (
    await initiateConnection(deps, {
      projectId,
      userId,
      appKey: "sandbox_key",
      credentials: { api_key: "sbx_demo_key" },
      actor,
    })
  ).connection.id;

const deleteMissingNote = (userId: string) =>
  executeAction(deps, {
    projectId,
    actor,
    action: "SANDBOX_KEY_DELETE_A_NOTE",
    userId,
    arguments: { id: "missing" },
  });

const listNotes = (userId: string) =>
  executeAction(deps, {
    projectId,
    actor,
    action: "SANDBOX_KEY_LIST_NOTES",
    userId,
    arguments: {},
  });

beforeAll(async () => {
  ({
    handle,
    sandbox,
    deps,
    projectId,
    integrationId: oauthIntegration,
  } = await openSandboxProject({
    name: "Attention",
    clientSecret: CLIENT_SECRET,
    actor,
  }));
});

afterAll(async () => {
  await sandbox?.close();
  await handle?.close();
});

describe("an ACTIVE connection's failures", () => {
  it("one failed call is a notice; repeated ones need attention; a success clears both", async () => {
    const id = await keyConnection("u_calls");
    expect(await verdict(id)).toEqual({ level: "ok" });
    expect((await deleteMissingNote("u_calls")).httpStatus).toBe(404);
    expect(await verdict(id)).toMatchObject({ level: "notice", kind: "recent_errors" });
    expect(await attention()).not.toContainEqual([id, "calls_failing"]);
    for (let i = 1; i < REPEATED_FAILURES; i++) await deleteMissingNote("u_calls");
    expect(await verdict(id)).toMatchObject({ level: "attention", kind: "calls_failing" });
    expect(await attention()).toContainEqual([id, "calls_failing"]);
    expect((await listNotes("u_calls")).successful).toBe(true);
    expect(await verdict(id)).toEqual({ level: "ok" });
    expect(await attention()).not.toContainEqual([id, "calls_failing"]);
  });

  it("a refused credential (API key 401) needs attention with the provider's words", async () => {
    const id = await keyConnection("u_refused");
    await deps.db
      .update(connections)
      .set({
        credentialsEnc: seal(deps, bindings.connectionCredentials(id), { api_key: "sbx_gone" }),
      })
      .where(eq(connections.id, id));
    expect((await listNotes("u_refused")).httpStatus).toBe(401);
    expect(await verdict(id)).toMatchObject({ level: "attention", kind: "check_failing" });
    const items = await connectionsNeedingAttention(deps, { projectId, limit: 50 });
    const item = items.find((i) => i.id === id);
    expect(item?.kind).toBe("check_failing");
    expect(item?.reason).toMatch(/answered HTTP 401/);
  });
});

describe("connect links nobody finished", () => {
  it("are EXPIRED with their own mark, off the list by default, and reused by the next link", async () => {
    const first = await initiateConnection(deps, {
      projectId,
      userId: "u_link",
      integrationId: oauthIntegration,
      actor,
    });
    const id = first.connection.id;
    const aged = () =>
      deps.db
        .update(connections)
        .set({ updatedAt: new Date(Date.now() - 3_600_000) })
        .where(eq(connections.id, id));
    // A link still in its TTL is left alone: the end user may be on it.
    const twin = await initiateConnection(deps, {
      projectId,
      userId: "u_link",
      integrationId: oauthIntegration,
      actor,
    });
    expect(twin.connection.id).not.toBe(id);
    // Past the TTL, before the sweep ran: the next link reuses it (a new link, the same id).
    await aged();
    const again = await initiateConnection(deps, {
      projectId,
      userId: "u_link",
      integrationId: oauthIntegration,
      actor,
    });
    expect(again.connection.id).toBe(id);
    expect(again.link!.token).not.toBe(first.link!.token);
    // The flow TTL passes again; the sweep marks it abandoned.
    await aged();
    expect(await expireAbandonedFlows(deps)).toBeGreaterThanOrEqual(1);
    const [row] = await deps.db.select().from(connections).where(eq(connections.id, id));
    expect([row!.status, row!.abandonedAt]).toEqual(["EXPIRED", expect.any(Date)]);
    expect(await verdict(id)).toMatchObject({ level: "notice", kind: "abandoned" });
    expect(await attention()).not.toContainEqual([id, "EXPIRED"]);
    expect(await attention()).not.toContainEqual([id, "abandoned"]);
    expect(await attention(true)).toContainEqual([id, "abandoned"]);
    // The overview counts them apart (its "Show N unfinished connect links").
    const counted = await countAbandonedLinks(deps, { projectId });
    expect(counted).toBeGreaterThanOrEqual(1);
    expect(await countAbandonedLinks(deps, { projectId: "prj_other" })).toBe(0);

    // A new link for the entity and integration reuses the abandoned one rather than adding a twin.
    const third = await initiateConnection(deps, {
      projectId,
      userId: "u_link",
      integrationId: oauthIntegration,
      actor,
    });
    expect(third.connection.id).toBe(id);
    expect(third.connection.status).toBe("INITIATED");
    const [reused] = await deps.db.select().from(connections).where(eq(connections.id, id));
    expect(reused!.abandonedAt).toBeNull();
    expect(await countAbandonedLinks(deps, { projectId })).toBe(counted - 1);
  });

  it("are deleted after the retention, with their events; real expiries and newer ones stay", async () => {
    const make = async (userId: string) =>
      (
        await initiateConnection(deps, {
          projectId,
          userId,
          integrationId: oauthIntegration,
          actor,
        })
      ).connection.id;
    const [old, recent, realExpiry] = [
      await make("u_old"),
      await make("u_recent"),
      await make("u_real"),
    ];
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
    await deps.db
      .update(connections)
      .set({ status: "EXPIRED", abandonedAt: daysAgo(8) })
      .where(eq(connections.id, old));
    await deps.db
      .update(connections)
      .set({ status: "EXPIRED", abandonedAt: daysAgo(6) })
      .where(eq(connections.id, recent));
    await deps.db
      .update(connections)
      .set({ status: "EXPIRED", statusReason: "invalid_grant", updatedAt: daysAgo(30) })
      .where(eq(connections.id, realExpiry));
    expect(await deleteAbandonedLinks({ ...deps, abandonedRetentionDays: 7 })).toBe(1);
    const left = (await deps.db.select({ id: connections.id }).from(connections)).map((r) => r.id);
    expect(left).not.toContain(old);
    expect(left).toEqual(expect.arrayContaining([recent, realExpiry]));
    expect(
      await deps.db.select().from(connectionEvents).where(eq(connectionEvents.connectionId, old)),
    ).toEqual([]);
    // A shorter retention (KEYPORT_ABANDONED_RETENTION_DAYS) takes the newer one too.
    expect(await deleteAbandonedLinks({ ...deps, abandonedRetentionDays: 5 })).toBe(1);
  });
});
