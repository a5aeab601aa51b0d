// The overview's aggregates, an entity's connection health and the operator search, over seeded
// rows: right numbers, zero-filled series, bounded windows, and never another project's rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectionEvents,
  connections,
  entities,
  executions,
  integrations,
  type ConnectionStatus,
} from "@/db/schema";
import { systemActor, type Deps } from "@/lib/core/deps";
import { newId } from "@/lib/core/ids";
import {
  connectionCountsByStatusAndApp,
  connectionHealth,
  connectionsCreatedPerDay,
  connectionsNeedingAttention,
  executionsPerHour,
  recentFailures,
} from "@/lib/core/overview";
import { createProject } from "@/lib/core/projects";
import { searchEverything } from "@/lib/core/search";
import { openTestDb, testDeps, type TestDb } from "../support/db";

const NOW = new Date();
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

let handle: TestDb;
let deps: Deps;
let A = "";
let B = "";
const ids = { entity: new Map<string, string>(), integration: new Map<string, string>() };

async function integration(projectId: string, appKey: string): Promise<string> {
  const key = `${projectId}/${appKey}`;
  const existing = ids.integration.get(key);
  if (existing) return existing;
  const id = newId("ac");
  await deps.db.insert(integrations).values({
    id,
    projectId,
    appKey,
    name: appKey,
    authScheme: appKey === "sandbox_key" ? "API_KEY" : "OAUTH2",
  });
  ids.integration.set(key, id);
  return id;
}

async function entity(projectId: string, externalId: string): Promise<string> {
  const key = `${projectId}/${externalId}`;
  const existing = ids.entity.get(key);
  if (existing) return existing;
  const id = newId("ent");
  await deps.db.insert(entities).values({ id, projectId, externalId, createdAt: days(-40) });
  ids.entity.set(key, id);
  return id;
}

async function connection(
  projectId: string,
  input: {
    user: string;
    app: string;
    status: ConnectionStatus;
    createdAt?: Date;
    reason?: string;
    login?: string;
    expiresAt?: Date;
    refreshFailures?: number;
  },
): Promise<string> {
  const id = newId("ca");
  await deps.db.insert(connections).values({
    id,
    projectId,
    entityId: await entity(projectId, input.user),
    integrationId: await integration(projectId, input.app),
    appKey: input.app,
    authScheme: input.app === "sandbox_key" ? "API_KEY" : "OAUTH2",
    status: input.status,
    statusReason: input.reason ?? null,
    upstreamLogin: input.login ?? null,
    upstreamIdentity: input.login ? { id: input.login, login: input.login } : null,
    expiresAt: input.expiresAt ?? null,
    refreshFailures: input.refreshFailures ?? 0,
    createdAt: input.createdAt ?? NOW,
  });
  return id;
}

async function event(
  projectId: string,
  connectionId: string,
  type: string,
  at: Date,
  detail?: string,
) {
  await deps.db
    .insert(connectionEvents)
    .values({ projectId, connectionId, type, at, detail: detail ?? null, actor: "system" });
}

async function execution(
  projectId: string,
  input: {
    connectionId: string;
    user: string;
    status: "success" | "error";
    at: Date;
    error?: string;
  },
): Promise<string> {
  const id = newId("log");
  await deps.db.insert(executions).values({
    id,
    projectId,
    connectionId: input.connectionId,
    entityId: input.user,
    appKey: "sandbox",
    action: "SANDBOX_GET_THE_AUTHENTICATED_USER",
    status: input.status,
    httpStatus: input.status === "success" ? 200 : 401,
    durationMs: 12,
    error: input.error ?? null,
    at: input.at,
  });
  return id;
}

const seeded = {
  failed: "",
  expired: "",
  failing: "",
  recovered: "",
  healthy: "",
  otherProjectFailed: "",
  errors: [] as string[],
};

beforeAll(async () => {
  handle = await openTestDb();
  deps = testDeps(handle);
  A = (await createProject(deps, { name: "Overview A", actor: systemActor })).id;
  B = (await createProject(deps, { name: "Overview B", actor: systemActor })).id;

  seeded.healthy = await connection(A, {
    user: "user_gina",
    app: "sandbox",
    status: "ACTIVE",
    login: "gina",
    expiresAt: minutes(60),
  });
  await connection(A, { user: "user_gina", app: "github", status: "ACTIVE", login: "Gina-GH" });
  await connection(A, { user: "user_ginger", app: "github", status: "ACTIVE", login: "ginger" });
  await connection(A, { user: "user_hal", app: "sandbox_key", status: "INITIATED" });
  seeded.failed = await connection(A, {
    user: "user_hal",
    app: "github",
    status: "FAILED",
    reason: "The token request was refused: invalid_client",
    createdAt: minutes(-30),
  });
  seeded.expired = await connection(A, {
    user: "user_ivy",
    app: "sandbox",
    status: "EXPIRED",
    reason: "invalid_grant: grant revoked",
    createdAt: minutes(-20),
  });
  // ACTIVE, token expired, its refresh failed twice in a row: needs attention.
  seeded.failing = await connection(A, {
    user: "user_jo",
    app: "sandbox",
    status: "ACTIVE",
    expiresAt: minutes(-5),
    createdAt: days(-3),
    refreshFailures: 2,
  });
  await event(A, seeded.failing, "refreshed", minutes(-90));
  await event(A, seeded.failing, "refresh_failed", minutes(-6), "Token refresh failed: 502");
  await event(A, seeded.failing, "refresh_failed", minutes(-4), "Token refresh failed: 503");
  // A refresh failed, then one succeeded: fine again.
  seeded.recovered = await connection(A, {
    user: "user_jo",
    app: "github",
    status: "ACTIVE",
    expiresAt: minutes(3),
  });
  await event(A, seeded.recovered, "refresh_failed", minutes(-10), "Token refresh failed: 502");
  await event(A, seeded.recovered, "refreshed", minutes(-2));
  // Old connections: outside the 30-day series.
  await connection(A, { user: "user_old", app: "sandbox", status: "ACTIVE", createdAt: days(-45) });
  await connection(A, { user: "user_old", app: "sandbox", status: "ACTIVE", createdAt: days(-2) });

  // Project B: must never show up in A's numbers.
  seeded.otherProjectFailed = await connection(B, {
    user: "user_gina",
    app: "sandbox",
    status: "FAILED",
    login: "gina",
    reason: "B's failure",
  });
  const bFailing = await connection(B, {
    user: "user_b",
    app: "sandbox",
    status: "ACTIVE",
    expiresAt: minutes(-1),
    refreshFailures: 1,
  });
  await event(B, bFailing, "refresh_failed", minutes(-1), "B's refresh");
  await execution(B, {
    connectionId: seeded.otherProjectFailed,
    user: "user_gina",
    status: "error",
    at: minutes(-1),
    error: "B's error",
  });

  // Executions of A: successes and errors over the last hours, one outside the windows.
  await execution(A, {
    connectionId: seeded.healthy,
    user: "user_gina",
    status: "success",
    at: minutes(-200),
  });
  await execution(A, {
    connectionId: seeded.healthy,
    user: "user_gina",
    status: "success",
    at: minutes(-100),
  });
  for (const [i, at] of [minutes(-50), minutes(-40), minutes(-30), minutes(-20)].entries()) {
    seeded.errors.push(
      await execution(A, {
        connectionId: seeded.healthy,
        user: "user_gina",
        status: "error",
        at,
        error: `Sandbox answered 401 (#${i + 1})`,
      }),
    );
  }
  await execution(A, {
    connectionId: seeded.failing,
    user: "user_jo",
    status: "error",
    at: days(-10),
    error: "too old for recent failures",
  });
  await execution(A, {
    connectionId: seeded.healthy,
    user: "user_gina",
    status: "success",
    at: days(-2),
  });
});

afterAll(async () => {
  await handle?.close();
});

describe("overview aggregates", () => {
  it("counts connections per status and app, only the project's own", async () => {
    const c = await connectionCountsByStatusAndApp(deps, { projectId: A });
    expect(c.total).toBe(10);
    expect(c.capped).toBe(false);
    const byStatus = Object.fromEntries(c.byStatus.map((s) => [s.status, s.count]));
    expect(byStatus).toEqual({
      INITIATED: 1,
      ACTIVE: 7,
      FAILED: 1,
      EXPIRED: 1,
      INACTIVE: 0,
      REVOKED: 0,
    });
    expect(c.byApp.map((a) => [a.appKey, a.total])).toEqual([
      ["sandbox", 5],
      ["github", 4],
      ["sandbox_key", 1],
    ]);
    expect(c.byApp.find((a) => a.appKey === "github")?.counts).toMatchObject({
      ACTIVE: 3,
      FAILED: 1,
    });
    const b = await connectionCountsByStatusAndApp(deps, { projectId: B });
    expect(b.total).toBe(2);
  });

  it("stops counting at the cap and says so", async () => {
    const c = await connectionCountsByStatusAndApp(deps, { projectId: A, cap: 2 });
    const active = c.byStatus.find((s) => s.status === "ACTIVE");
    // sandbox and github each reach the cap of 2 ACTIVE rows.
    expect(active).toEqual({ status: "ACTIVE", count: 4, capped: true });
    expect(c.byStatus.find((s) => s.status === "FAILED")).toMatchObject({ capped: false });
    expect(c.capped).toBe(true);
  });

  it("connections created per day: 30 zero-filled UTC days ending today", async () => {
    const series = await connectionsCreatedPerDay(deps, { projectId: A, days: 30, now: NOW });
    expect(series).toHaveLength(30);
    expect(series.at(-1)?.day).toBe(NOW.toISOString().slice(0, 10));
    const total = series.reduce((n, d) => n + d.count, 0);
    expect(total).toBe(9); // all of A's but the one created 45 days ago
    expect(series.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.day))).toBe(true);
  });

  it("executions per hour: 24 buckets with error counts, nothing older", async () => {
    const series = await executionsPerHour(deps, { projectId: A, hours: 24, now: NOW });
    expect(series).toHaveLength(24);
    expect(series.reduce((n, h) => n + h.total, 0)).toBe(6);
    expect(series.reduce((n, h) => n + h.errors, 0)).toBe(4);
    expect(new Date(series.at(-1)!.hour).getUTCHours()).toBe(NOW.getUTCHours());
  });

  it("a bucket fuller than the cap is read partly and extrapolated, and says so", async () => {
    const C = (await createProject(deps, { name: "Overview C", actor: systemActor })).id;
    const c = await connection(C, { user: "user_busy", app: "sandbox", status: "ACTIVE" });
    // 20 executions evenly over an hour that ended two hours ago: one every 3 minutes.
    const hour = new Date(NOW);
    hour.setUTCMinutes(0, 0, 0);
    hour.setUTCHours(hour.getUTCHours() - 2);
    for (let i = 0; i < 20; i++) {
      await execution(C, {
        connectionId: c,
        user: "user_busy",
        status: i % 4 === 0 ? "error" : "success",
        at: new Date(hour.getTime() + i * 3 * 60_000),
      });
    }
    const exact = await executionsPerHour(deps, { projectId: C, hours: 24, now: NOW, cap: 50 });
    const bucket = exact.find((b) => b.hour === hour.toISOString());
    expect(bucket).toEqual({ hour: hour.toISOString(), total: 20, errors: 5, estimated: false });
    const capped = await executionsPerHour(deps, { projectId: C, hours: 24, now: NOW, cap: 5 });
    const estimate = capped.find((b) => b.hour === hour.toISOString())!;
    // The first 5 rows span 12 minutes, all 20 span 57: 5 × 57/12 ≈ 24.
    expect(estimate.estimated).toBe(true);
    expect(estimate.total).toBe(24);
    expect(capped.filter((b) => b.estimated)).toHaveLength(1);
  });

  it("needs attention: FAILED, EXPIRED, a refresh that keeps failing and calls that keep failing, not a recovered one", async () => {
    const items = await connectionsNeedingAttention(deps, { projectId: A, limit: 10 });
    expect(items.map((i) => [i.id, i.kind])).toEqual([
      [seeded.failing, "refresh_failing"],
      // ACTIVE, but its last four calls were refused by the provider (issue 13 item 1).
      [seeded.healthy, "calls_failing"],
      [seeded.expired, "EXPIRED"],
      [seeded.failed, "FAILED"],
    ]);
    expect(items[0]).toMatchObject({ entityId: "user_jo", reason: "Token refresh failed: 503" });
    expect(items[1]).toMatchObject({ entityId: "user_gina", reason: "Sandbox answered 401 (#4)" });
    expect(items[2]).toMatchObject({
      entityId: "user_ivy",
      reason: "invalid_grant: grant revoked",
    });
    expect(await connectionsNeedingAttention(deps, { projectId: A, limit: 2 })).toHaveLength(2);
    const b = await connectionsNeedingAttention(deps, { projectId: B, limit: 10 });
    expect(b.map((i) => i.reason).sort()).toEqual(["B's failure", "B's refresh"]);
  });

  it("recent failures: the project's failed executions of the window, newest first", async () => {
    const items = await recentFailures(deps, { projectId: A, limit: 3, now: NOW });
    expect(items.map((i) => i.id)).toEqual(seeded.errors.slice(-3).reverse());
    expect(items[0]).toMatchObject({
      connectionId: seeded.healthy,
      entityId: "user_gina",
      httpStatus: 401,
      error: "Sandbox answered 401 (#4)",
    });
    const all = await recentFailures(deps, { projectId: A, limit: 50, now: NOW });
    expect(all.map((i) => i.error)).not.toContain("too old for recent failures");
    expect(all.map((i) => i.error)).not.toContain("B's error");
  });

  it("connection health: last success, the last three errors and the newest event", async () => {
    const health = await connectionHealth(deps, {
      projectId: A,
      connectionIds: [seeded.healthy, seeded.failing, seeded.otherProjectFailed],
      now: NOW,
    });
    const h = health.get(seeded.healthy)!;
    expect(h.lastSuccessAt?.getTime()).toBe(minutes(-100).getTime());
    expect(h.recentErrors.map((e) => e.error)).toEqual([
      "Sandbox answered 401 (#4)",
      "Sandbox answered 401 (#3)",
      "Sandbox answered 401 (#2)",
    ]);
    expect(h.recentErrors[0]?.httpStatus).toBe(401);
    expect(h.lastEvent).toBeNull();
    const f = health.get(seeded.failing)!;
    expect(f.lastSuccessAt).toBeNull();
    // Ten days old: too old for the overview's recent failures, not for the entity page.
    expect(f.recentErrors.map((e) => e.error)).toEqual(["too old for recent failures"]);
    expect(f.lastEvent).toMatchObject({
      type: "refresh_failed",
      detail: "Token refresh failed: 503",
    });
    // Another project's connection: nothing leaks through the ids.
    expect(health.get(seeded.otherProjectFailed)).toMatchObject({
      lastSuccessAt: null,
      recentErrors: [],
      lastEvent: null,
    });
  });
});

describe("searchEverything", () => {
  it("finds entities by id prefix and connections by upstream login, in the project only", async () => {
    const r = await searchEverything(deps, { projectId: A, q: "user_gin" });
    expect(r.entities.map((e) => e.externalId)).toEqual(["user_gina", "user_ginger"]);
    expect(r.entities[0]?.connectionCount).toBe(2);

    const byLogin = await searchEverything(deps, { projectId: A, q: "gina" });
    expect(byLogin.connections.map((c) => [c.id, c.match, c.entityId])).toEqual([
      [seeded.healthy, "login", "user_gina"],
    ]);
    const prefix = await searchEverything(deps, { projectId: A, q: "gin" });
    expect(prefix.connections.map((c) => c.upstreamLogin)).toEqual(["gina", "ginger"]);
    // Typed in another case: the lower-case spelling is tried too.
    const upper = await searchEverything(deps, { projectId: A, q: "Gina" });
    expect(upper.connections.map((c) => c.upstreamLogin)).toEqual(["gina", "Gina-GH"]);
  });

  it("finds a connection by its exact id, never another project's", async () => {
    const r = await searchEverything(deps, { projectId: A, q: seeded.failed });
    expect(r.connections).toMatchObject([{ id: seeded.failed, match: "id", status: "FAILED" }]);
    const other = await searchEverything(deps, { projectId: A, q: seeded.otherProjectFailed });
    expect(other.connections).toEqual([]);
    expect(other.entities).toEqual([]);
  });

  it("caps each kind at 10 and says there is more; LIKE wildcards are literal", async () => {
    for (let i = 0; i < 12; i++) {
      await connection(A, {
        user: `bulk_${String(i).padStart(2, "0")}`,
        app: "sandbox",
        status: "ACTIVE",
        login: `bulk-login-${String(i).padStart(2, "0")}`,
      });
    }
    const r = await searchEverything(deps, { projectId: A, q: "bulk" });
    expect(r.entities).toHaveLength(10);
    expect(r.moreEntities).toBe(true);
    expect(r.connections).toHaveLength(10);
    expect(r.moreConnections).toBe(true);
    expect(r.connections[0]?.upstreamLogin).toBe("bulk-login-00");

    expect((await searchEverything(deps, { projectId: A, q: "%" })).entities).toEqual([]);
    expect((await searchEverything(deps, { projectId: A, q: "user%gina" })).entities).toEqual([]);
    expect((await searchEverything(deps, { projectId: A, q: "bulk_0_" })).entities).toEqual([]);
    expect(await searchEverything(deps, { projectId: A, q: "   " })).toMatchObject({
      entities: [],
      connections: [],
    });
  });
});
