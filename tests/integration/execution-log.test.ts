// The execution log: written behind the response, read back complete, paged without gaps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executions } from "@/db/schema";
import { systemActor, type Deps } from "@/lib/core/deps";
import {
  decodeExecutionCursor,
  encodeExecutionCursor,
  listExecutions,
  recordExecution,
} from "@/lib/core/executions";
import { createProject } from "@/lib/core/projects";
import { openTestDb, testDeps, type TestDb } from "../support/db";

let handle: TestDb;
let deps: Deps;
let projectId: string;

beforeAll(async () => {
  handle = await openTestDb();
  deps = testDeps(handle);
  projectId = (await createProject(deps, { name: "Log", actor: systemActor })).id;
});

afterAll(async () => {
  await handle?.close();
});

const record = (action: string, successful = true) =>
  recordExecution(deps, {
    projectId,
    connectionId: null,
    userId: "user_log",
    appKey: "sandbox",
    action,
    successful,
    httpStatus: successful ? 200 : 500,
    durationMs: 3.4,
    error: successful ? null : "HTTP 500",
  });

describe("execution log", () => {
  it("a burst of executions is all there when read back (read-your-writes), each once", async () => {
    const ids = Array.from({ length: 300 }, (_, i) => record(`BURST_${i % 3}`, i % 10 !== 0));
    // No explicit wait: the reader settles this process's queued rows first.
    const page = await listExecutions(deps, { projectId, userId: "user_log", limit: 1000 });
    expect(page.items.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(page.items.filter((r) => r.status === "error")).toHaveLength(30);
    expect(page.next).toBeNull();
  });

  it("every field comes back as recorded, whatever the text holds (one JSON parameter per batch)", async () => {
    const nasty = `quote " backslash \\ brace {a,b} NULL comma, emoji 🔑 nul\0end 'single'`;
    const started = Date.now();
    const ids = [
      recordExecution(deps, {
        projectId,
        connectionId: "ca_roundtrip",
        userId: "user_roundtrip",
        appKey: "github",
        action: "GITHUB_GET_THE_AUTHENTICATED_USER",
        successful: false,
        httpStatus: null,
        durationMs: 1234.6,
        error: nasty,
      }),
      recordExecution(deps, {
        projectId,
        connectionId: null,
        userId: "user_roundtrip",
        appKey: "sandbox",
        action: "NULL",
        successful: true,
        httpStatus: 204,
        durationMs: -1,
        error: null,
      }),
    ];
    const page = await listExecutions(deps, { projectId, userId: "user_roundtrip", limit: 10 });
    const byId = new Map(page.items.map((r) => [r.id, r]));
    expect(byId.get(ids[0]!)).toMatchObject({
      projectId,
      connectionId: "ca_roundtrip",
      entityId: "user_roundtrip",
      appKey: "github",
      action: "GITHUB_GET_THE_AUTHENTICATED_USER",
      status: "error",
      httpStatus: null,
      durationMs: 1235,
      error: nasty.replace("\0", ""),
    });
    expect(byId.get(ids[1]!)).toMatchObject({
      connectionId: null,
      action: "NULL",
      status: "success",
      httpStatus: 204,
      durationMs: 0,
      error: null,
    });
    for (const id of ids) {
      const at = byId.get(id)!.at.getTime();
      expect(at).toBeGreaterThanOrEqual(started);
      expect(at).toBeLessThanOrEqual(Date.now());
    }
  });

  it("pages through rows of the same millisecond without skipping or repeating any", async () => {
    const at = new Date("2026-01-02T03:04:05.678Z");
    const rows = Array.from({ length: 7 }, (_, i) => ({
      id: `log_same_ms_${i}`,
      projectId,
      entityId: "user_same_ms",
      appKey: "sandbox",
      action: "SAME_MS",
      status: "success" as const,
      durationMs: 1,
      at,
    }));
    await deps.db.insert(executions).values(rows);
    const seen: string[] = [];
    let after: ReturnType<typeof decodeExecutionCursor> | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listExecutions(deps, {
        projectId,
        userId: "user_same_ms",
        limit: 3,
        after: after ?? undefined,
      });
      seen.push(...page.items.map((r) => r.id));
      if (!page.next) break;
      after = decodeExecutionCursor(page.next);
      expect(after).not.toBeNull();
    }
    expect(seen).toEqual(rows.map((r) => r.id).reverse());
  });

  it("a cursor is opaque but checked: only one of ours decodes", () => {
    const c = { at: new Date(1_700_000_000_123), id: "log_abc" };
    expect(decodeExecutionCursor(encodeExecutionCursor(c))).toEqual(c);
    for (const bad of ["", "2026-01-01", "123.", ".log_a", "12.log_a b", "1e3.log_a", "12.key_a"])
      expect(decodeExecutionCursor(bad)).toBeNull();
  });
});
