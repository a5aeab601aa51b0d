// Every attempt in the execution log, searchable, with a detail and an export (issue 13 item 2):
// refusals (unknown action, invalid arguments, no or disabled connection) are logged with their
// cause, request id, source and caller; arguments are kept redacted; another project sees none.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setConnectionEnabled } from "@/lib/core/connections";
import type { Actor, Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { executeAction } from "@/lib/core/execute";
import { csvField, exportLines } from "@/lib/core/execution-export";
import { getExecution, listExecutions } from "@/lib/core/executions";
import { initiateConnection } from "@/lib/core/initiate";
import { createProject } from "@/lib/core/projects";
import { REDACTED } from "@/lib/core/redact";
import { randomToken } from "@/lib/crypto";
import type { Sandbox } from "@/lib/sandbox";
import { startTestSandbox } from "../support/sandbox";
import { openTestDb, testDeps, type TestDb } from "../support/db";

const apiKey: Actor = { type: "api_key", id: "key_support", label: "API key support-bot" };
let sandbox: Sandbox;
let handle: TestDb;
let deps: Deps;
let projectId: string;
let otherProject: string;
let connectionId: string;

const run = (input: Partial<Parameters<typeof executeAction>[1]>) =>
  executeAction(deps, {
    projectId,
    actor: apiKey,
    action: "SANDBOX_KEY_LIST_NOTES",
    userId: "u_search",
    arguments: {},
    ...input,
  }).catch((e: unknown) => e);

const byRequest = async (requestId: string) =>
  (await listExecutions(deps, { projectId, requestId, limit: 10 })).items;

beforeAll(async () => {
  handle = await openTestDb();
  sandbox = await startTestSandbox({ clientSecret: `cs_${randomToken(12)}` });
  deps = testDeps(handle, { sandboxOrigin: sandbox.issuer });
  projectId = (await createProject(deps, { name: "Log search", actor: apiKey })).id;
  otherProject = (await createProject(deps, { name: "Other", actor: apiKey })).id;
  connectionId = (
    await initiateConnection(deps, {
      projectId,
      userId: "u_search",
      appKey: "sandbox_key",
      credentials: { api_key: "sbx_demo_key" },
      actor: apiKey,
    })
  ).connection.id;
});

afterAll(async () => {
  await sandbox?.close();
  await handle?.close();
});

describe("refused attempts are logged with their cause", () => {
  it("unknown action, invalid arguments, no connection and a disabled one: each a row naming why", async () => {
    const cases = [
      {
        requestId: "req_unknown",
        input: { action: "SANDBOX_NO_SUCH_THING" },
        code: "unknown_action",
      },
      {
        requestId: "req_invalid",
        input: { action: "SANDBOX_KEY_CREATE_A_NOTE", arguments: { nope: 1 } },
        code: "invalid_arguments",
      },
      { requestId: "req_nobody", input: { userId: "u_nobody" }, code: "no_connection" },
    ];
    for (const c of cases) {
      const err = await run({ ...c.input, requestId: c.requestId });
      expect(err).toBeInstanceOf(AppError);
      const [row] = await byRequest(c.requestId);
      expect(row).toMatchObject({
        outcome: "refused",
        status: "error",
        errorCode: c.code,
        error: (err as AppError).message,
        source: "api",
        apiKeyId: "key_support",
        callerLabel: "API key support-bot",
        httpStatus: null,
      });
    }
    await setConnectionEnabled(deps, {
      projectId,
      id: connectionId,
      enabled: false,
      actor: apiKey,
    });
    const disabled = await run({
      connectionId,
      requestId: "req_disabled",
      source: "mcp",
      sessionId: "mcp_s1",
    });
    expect((disabled as AppError).message).toBe(
      `Connected account ${connectionId} is disabled; enable it to use it`,
    );
    const [row] = await byRequest("req_disabled");
    expect(row).toMatchObject({
      outcome: "refused",
      errorCode: "connection_disabled",
      connectionId,
      entityId: "u_search",
      appKey: "sandbox_key",
      source: "mcp",
      sessionId: "mcp_s1",
    });
    // Through the entity: the 404 names the connection and why.
    const viaEntity = await run({ requestId: "req_disabled_entity" });
    expect((viaEntity as AppError).message).toBe(
      `Entity "u_search" has no active connection for app "sandbox_key": connected account ${connectionId} is disabled; enable it to use it`,
    );
    await setConnectionEnabled(deps, { projectId, id: connectionId, enabled: true, actor: apiKey });
  });
});

describe("search, detail and export", () => {
  it("filters by request id, source and outcome; the detail keeps arguments redacted", async () => {
    const ok = await run({
      action: "SANDBOX_KEY_CREATE_A_NOTE",
      arguments: { title: "Call me", body: `password is ${"x".repeat(300)}` },
      requestId: "req_created",
      source: "dashboard",
    });
    expect((ok as { successful: boolean }).successful).toBe(true);
    const [row] = await byRequest("req_created");
    expect(row).toMatchObject({ outcome: "success", source: "dashboard" });
    expect(row!.httpStatus).toBeLessThan(300);
    const detail = await getExecution(deps, { projectId, id: row!.id });
    expect(detail.arguments).toEqual({
      title: "Call me",
      body: `password is ${"x".repeat(188)}… (312 characters)`,
    });
    expect(detail.response).toMatchObject({ title: "Call me" });
    const dashboard = await listExecutions(deps, { projectId, source: "dashboard", limit: 50 });
    expect(dashboard.items.map((i) => i.id)).toEqual([row!.id]);
    const refused = await listExecutions(deps, { projectId, outcome: "refused", limit: 50 });
    expect(refused.items.length).toBeGreaterThanOrEqual(5);
    expect(refused.items.every((i) => i.outcome === "refused")).toBe(true);
    // Another project: no row, no detail.
    expect(
      (await listExecutions(deps, { projectId: otherProject, requestId: "req_created", limit: 5 }))
        .items,
    ).toEqual([]);
    await expect(getExecution(deps, { projectId: otherProject, id: row!.id })).rejects.toThrow(
      /not found/,
    );
  });

  it("a secret argument never reaches the log", async () => {
    await run({
      action: "SANDBOX_KEY_CREATE_A_NOTE",
      arguments: { title: "t", body: "Bearer abcdefghijklmnopqrstuvwxyz" },
      requestId: "req_secret",
    });
    const [row] = await byRequest("req_secret");
    expect(row!.arguments).toEqual({ title: "t", body: REDACTED });
    expect(JSON.stringify(row)).not.toContain("abcdefghijklmnop");
  });

  it("exports CSV (header, one line per row, spreadsheet-safe) and NDJSON, newest first, only this project", async () => {
    const csv: string[] = [];
    for await (const l of exportLines(deps, { projectId, requestId: "req_created" }, "csv"))
      csv.push(l);
    expect(csv).toHaveLength(2);
    expect(csv[0]).toMatch(/^id,at,request_id,source,status,outcome,error_code,app,action,/);
    expect(csv[1]).toContain(",req_created,dashboard,success,success,");
    const nd: unknown[] = [];
    for await (const l of exportLines(deps, { projectId }, "ndjson")) nd.push(JSON.parse(l));
    const all = (await listExecutions(deps, { projectId, limit: 1000 })).items;
    expect(nd.map((r) => (r as { id: string }).id)).toEqual(all.map((r) => r.id));
    const none: string[] = [];
    for await (const l of exportLines(deps, { projectId: otherProject }, "ndjson")) none.push(l);
    expect(none).toEqual([]);
    expect(csvField('say "hi", then')).toBe('"say ""hi"", then"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(null)).toBe("");
  });
});
