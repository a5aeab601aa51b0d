// Executions while the log cannot be written (issue 11 item 11): rows are kept and retried, never
// lost or duplicated; a full queue refuses new executes and proxy calls (503) before the provider.
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type Deps } from "@/lib/core/deps";
import { executeAction } from "@/lib/core/execute";
import {
  configureExecutionLog,
  flushExecutionLogs,
  pendingExecutionRows,
  recordExecution,
  settleExecutionLog,
} from "@/lib/core/executions";
import { DEFAULT_LIMITS } from "@/lib/core/execution-log-writer";
import { proxyRequest } from "@/lib/core/proxy";
import { randomToken } from "@/lib/crypto";
import type { Sandbox } from "@/lib/sandbox";
import { serverUrl, type TestDb } from "../support/db";
import { connectAtSandbox, sandboxStats } from "../support/oauth-browser";
import { openSandboxProject } from "../support/sandbox-project";

const CLIENT_SECRET = `cs_outage_${randomToken(12)}`;
const actor = systemActor;
let sandbox: Sandbox;
let handle: TestDb;
let deps: Deps;
let projectId: string;
let integrationId: string;

beforeAll(async () => {
  ({ handle, sandbox, deps, projectId, integrationId } = await openSandboxProject({
    name: "Outage",
    clientSecret: CLIENT_SECRET,
    actor,
  }));
});

afterEach(async () => {
  await logBack();
  configureExecutionLog(deps.db, DEFAULT_LIMITS);
  await flushExecutionLogs(10_000);
});

afterAll(async () => {
  await sandbox?.close();
  await handle?.close();
});

/** A real failure of every log insert: the table is renamed away (and back). */
let away = false;
async function logAway(): Promise<void> {
  await deps.db.execute(sql`alter table executions rename to executions_away`);
  away = true;
}
async function logBack(): Promise<void> {
  if (!away) return;
  await deps.db.execute(sql`alter table executions_away rename to executions`);
  away = false;
}

const rowsOf = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];

/** How many times each id is in the table, read without settling the writer first. */
async function countsById(ids: string[], table = "executions"): Promise<Map<string, number>> {
  const result = await deps.db.execute(
    sql`select id, count(*)::int as n from ${sql.identifier(table)} where id in ${ids} group by id`,
  );
  return new Map(rowsOf<{ id: string; n: number }>(result).map((r) => [r.id, Number(r.n)]));
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const createNote = (userId: string, title: string) =>
  executeAction(deps, {
    projectId,
    actor,
    action: "SANDBOX_CREATE_A_NOTE",
    userId,
    arguments: { title, body: "outage test" },
  });

async function noteTitles(userId: string): Promise<string[]> {
  const listed = await executeAction(deps, {
    projectId,
    actor,
    action: "SANDBOX_LIST_NOTES",
    userId,
    arguments: { limit: 100 },
  });
  return (listed.data.items as Array<{ title: string }>).map((n) => n.title).sort();
}

describe("execution log during a database outage", () => {
  it("executions still answer; their rows are kept, written once the table is back, each exactly once", async () => {
    await connectAtSandbox(deps, {
      projectId,
      userId: "user_outage",
      integrationId,
      username: "olga",
    });
    configureExecutionLog(deps.db, { retryMinMs: 50, retryMaxMs: 200 });
    await logAway();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await createNote("user_outage", `during ${i}`));
    expect(results.map((r) => r.successful)).toEqual([true, true, true, true, true]);
    const ids = results.map((r) => r.logId);
    await settleExecutionLog(deps.db); // the insert was attempted and failed…
    expect(pendingExecutionRows(deps.db)).toBe(5); // …and its rows were kept

    // As if a batch had committed without its acknowledgement reaching us: its retry must not
    // duplicate the row, nor fail the rest of the batch on the existing id.
    await deps.db.execute(
      sql`insert into executions_away (id, project_id, app_key, action, status, duration_ms)
          values (${ids[0]}, ${projectId}, 'sandbox', 'SANDBOX_CREATE_A_NOTE', 'success', 1)`,
    );
    await logBack();
    // Nobody reads the log: the writer's own retry puts the rows in.
    await until(async () => (await countsById(ids)).size === ids.length);
    expect([...(await countsById(ids)).values()]).toEqual([1, 1, 1, 1, 1]);
    expect(pendingExecutionRows(deps.db)).toBe(0);
  }, 90_000);

  it("a full queue refuses executes and proxy calls with a 503 before the provider is called", async () => {
    const connectionId = await connectAtSandbox(deps, {
      projectId,
      userId: "user_full",
      integrationId,
      username: "fay",
    });
    const tokenRequests = async () => {
      const t = (await sandboxStats(sandbox.issuer)).token_requests;
      return t.authorization_code + t.refresh_token;
    };
    const tokensBefore = await tokenRequests();
    configureExecutionLog(deps.db, { capacity: 3, retryMinMs: 60_000, retryMaxMs: 60_000 });
    await logAway();
    for (let i = 0; i < 3; i++)
      expect((await createNote("user_full", `kept ${i}`)).successful).toBe(true);

    const refused = createNote("user_full", "refused execute");
    await expect(refused).rejects.toMatchObject({ code: "service_unavailable", status: 503 });
    await expect(refused).rejects.toThrow(/^Execution log unavailable: .*Nothing was sent/);
    await expect(
      proxyRequest(deps, {
        projectId,
        actor,
        connectionId,
        endpoint: "/api/notes",
        method: "POST",
        body: { title: "refused proxy", body: "x" },
      }),
    ).rejects.toMatchObject({ code: "service_unavailable", status: 503 });

    await logBack();
    await settleExecutionLog(deps.db); // a reader's settle retries at once
    expect(pendingExecutionRows(deps.db)).toBe(0);
    // The provider saw the three kept calls and nothing of the refused ones.
    expect(await noteTitles("user_full")).toEqual(["kept 0", "kept 1", "kept 2"]);
    expect(await tokenRequests()).toBe(tokensBefore);
    expect((await createNote("user_full", "after")).successful).toBe(true);
  }, 90_000);

  it.runIf(serverUrl())(
    "a log insert that hangs (table locked) fills the queue and refuses; released, every row is written",
    async () => {
      const { default: postgres } = await import("postgres");
      const locker = postgres(handle.url!, { max: 1, onnotice: () => {} });
      configureExecutionLog(deps.db, { capacity: 4 });
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const transaction = locker.begin(async (tx) => {
        await tx`lock table executions in access exclusive mode`;
        locked();
        await held;
      });
      try {
        await isLocked;
        const ids = Array.from({ length: 4 }, (_, i) =>
          recordExecution(deps, {
            projectId,
            connectionId: null,
            userId: "user_locked",
            appKey: "sandbox",
            action: `LOCKED_${i}`,
            successful: true,
            httpStatus: 200,
            durationMs: 1,
            error: null,
          }),
        );
        await expect(createNote("user_outage", "while locked")).rejects.toMatchObject({
          status: 503,
        });
        release();
        await transaction;
        await settleExecutionLog(deps.db);
        expect([...(await countsById(ids)).values()]).toEqual([1, 1, 1, 1]);
        expect((await createNote("user_outage", "unlocked")).successful).toBe(true);
      } finally {
        release();
        await transaction.catch(() => {});
        await locker.end();
      }
    },
  );

  it("on shutdown the waiting rows are written at once, and rows that cannot be are reported", async () => {
    configureExecutionLog(deps.db, { retryMinMs: 60_000, retryMaxMs: 60_000 });
    const record = (action: string) =>
      recordExecution(deps, {
        projectId,
        connectionId: null,
        userId: "user_flush",
        appKey: "sandbox",
        action,
        successful: true,
        httpStatus: 200,
        durationMs: 1,
        error: null,
      });
    await logAway();
    const ids = [record("FLUSH_A"), record("FLUSH_B")];
    await settleExecutionLog(deps.db);
    // Still away: the flush gives up at its deadline and says how many rows it could not write.
    expect(await flushExecutionLogs(300)).toBe(2);
    expect(pendingExecutionRows(deps.db)).toBe(2);
    await logBack();
    // Back, with the next retry a minute away: the flush writes them now.
    expect(await flushExecutionLogs(5_000)).toBe(0);
    expect([...(await countsById(ids)).values()]).toEqual([1, 1]);
  });
});
