// Executing actions through core against the real sandbox: validation, resolution, upstream errors,
// refresh without races (SECURITY.md 9–10), invalid_grant → EXPIRED, proxy path rules.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connections } from "@/db/schema";
import { getConnection, setConnectionEnabled } from "@/lib/core/connections";
import { systemActor, type Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { executeAction } from "@/lib/core/execute";
import { listExecutions } from "@/lib/core/executions";
import { refreshConnection } from "@/lib/core/force-refresh";
import { initiateConnection } from "@/lib/core/initiate";
import { proxyRequest } from "@/lib/core/proxy";
import { randomToken } from "@/lib/crypto";
import type { Sandbox } from "@/lib/sandbox";
import type { TestDb } from "../support/db";
import { connectAtSandbox, sandboxStats } from "../support/oauth-browser";
import { openSandboxProject } from "../support/sandbox-project";

const CLIENT_SECRET = `cs_exec_${randomToken(12)}`;
let sandbox: Sandbox;
let handle: TestDb;
let deps: Deps;
let projectId: string;
let oauthIntegration: string;
const actor = systemActor;

const connect = (userId: string, username: string) =>
  connectAtSandbox(deps, { projectId, userId, integrationId: oauthIntegration, username });

const expire = (id: string) =>
  deps.db
    .update(connections)
    .set({ expiresAt: new Date(Date.now() - 60_000) })
    .where(eq(connections.id, id));

async function refreshCount(): Promise<number> {
  return (await sandboxStats(sandbox.issuer)).token_requests.refresh_token;
}

beforeAll(async () => {
  ({
    handle,
    sandbox,
    deps,
    projectId,
    integrationId: oauthIntegration,
  } = await openSandboxProject({
    name: "Execute",
    clientSecret: CLIENT_SECRET,
    actor,
  }));
});

afterAll(async () => {
  await sandbox?.close();
  await handle?.close();
});

describe("executeAction", () => {
  it("creates, lists and deletes a note as the entity, and records each execution", async () => {
    const id = await connect("user_notes", "alice");
    const created = await executeAction(deps, {
      projectId,
      actor,
      action: "SANDBOX_CREATE_A_NOTE",
      userId: "user_notes",
      arguments: { title: "Hello", body: "from Keyport" },
    });
    expect(created.successful).toBe(true);
    expect(created.httpStatus).toBe(201);
    const noteId = created.data.id as string;
    expect(noteId).toMatch(/^note_[\w-]{12}$/);
    const listed = await executeAction(deps, {
      projectId,
      actor,
      action: "SANDBOX_LIST_NOTES",
      connectionId: id,
      arguments: {},
    });
    expect((listed.data.items as Array<{ id: string }>).map((n) => n.id)).toContain(noteId);
    const deleted = await executeAction(deps, {
      projectId,
      actor,
      action: "sandbox_delete_a_note",
      userId: "user_notes",
      arguments: { id: noteId },
    });
    expect(deleted.successful).toBe(true);
    const log = await listExecutions(deps, { projectId, connectionId: id, limit: 10 });
    expect(log.items.map((e) => e.action)).toEqual([
      "SANDBOX_DELETE_A_NOTE",
      "SANDBOX_LIST_NOTES",
      "SANDBOX_CREATE_A_NOTE",
    ]);
    expect(log.items.every((e) => e.status === "success" && e.entityId === "user_notes")).toBe(
      true,
    );
  });

  it("an upstream 404 is successful:false with the status and a readable error, and is logged as an error", async () => {
    const r = await executeAction(deps, {
      projectId,
      actor,
      action: "SANDBOX_DELETE_A_NOTE",
      userId: "user_notes",
      arguments: { id: "missing" },
    });
    expect(r.successful).toBe(false);
    expect(r.httpStatus).toBe(404);
    expect(r.error).toMatch(/HTTP 404/);
    expect(typeof r.data).toBe("object");
  });

  it("refuses bad input with a 400 naming each bad field", async () => {
    const call = (args: Record<string, unknown>) =>
      executeAction(deps, {
        projectId,
        actor,
        action: "SANDBOX_CREATE_A_NOTE",
        userId: "user_notes",
        arguments: args,
      });
    await expect(call({})).rejects.toMatchObject({ code: "bad_request" });
    await expect(call({})).rejects.toThrow(/title: is required/);
    await expect(call({ title: 42 })).rejects.toThrow(/title: must be string/);
    await expect(call({ title: "x", colour: "red" })).rejects.toThrow(/colour: is not a parameter/);
    await expect(
      executeAction(deps, {
        projectId,
        actor,
        action: "SANDBOX_NO_SUCH_ACTION",
        userId: "user_notes",
        arguments: {},
      }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("an entity without a connection for the app gets a 404 that says which entity lacks which app", async () => {
    await expect(
      executeAction(deps, {
        projectId,
        actor,
        action: "SANDBOX_LIST_NOTES",
        userId: "nobody",
        arguments: {},
      }),
    ).rejects.toThrow(/Entity "nobody" has no active connection for app "sandbox"/);
  });

  it("a disabled connection cannot execute", async () => {
    const id = await connect("user_disabled", "bob");
    await setConnectionEnabled(deps, { projectId, id, enabled: false, actor });
    await expect(
      executeAction(deps, {
        projectId,
        actor,
        action: "SANDBOX_LIST_NOTES",
        connectionId: id,
        arguments: {},
      }),
    ).rejects.toThrow(/disabled/);
    await expect(
      executeAction(deps, {
        projectId,
        actor,
        action: "SANDBOX_LIST_NOTES",
        userId: "user_disabled",
        arguments: {},
      }),
    ).rejects.toBeInstanceOf(AppError);
    await setConnectionEnabled(deps, { projectId, id, enabled: true, actor });
    expect(
      (
        await executeAction(deps, {
          projectId,
          actor,
          action: "SANDBOX_LIST_NOTES",
          connectionId: id,
          arguments: {},
        })
      ).successful,
    ).toBe(true);
  });
});

describe("refresh", () => {
  it("N concurrent executions on an expired token make exactly one token request, all succeed, and the grant stays alive", async () => {
    const id = await connect("user_storm", "carol");
    await expire(id);
    const before = await refreshCount();
    const results = await Promise.all(
      Array.from({ length: 25 }, () =>
        executeAction(deps, {
          projectId,
          actor,
          action: "SANDBOX_LIST_NOTES",
          userId: "user_storm",
          arguments: {},
        }),
      ),
    );
    expect(results.every((r) => r.successful)).toBe(true);
    expect((await refreshCount()) - before).toBe(1);
    const after = await getConnection(deps, { projectId, id });
    expect(after.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 60_000);
    // The rotated refresh token is still honoured (a raced second refresh would have revoked the grant).
    await expire(id);
    expect(
      (
        await executeAction(deps, {
          projectId,
          actor,
          action: "SANDBOX_LIST_NOTES",
          connectionId: id,
          arguments: {},
        })
      ).successful,
    ).toBe(true);
    expect((await refreshCount()) - before).toBe(2);
  });

  it("a forced refresh refreshes the token and keeps the connection ACTIVE", async () => {
    const id = await connect("user_force", "dora");
    const before = await getConnection(deps, { projectId, id });
    const count = await refreshCount();
    const after = await refreshConnection(deps, { projectId, id, actor });
    expect(after.status).toBe("ACTIVE");
    expect(after.credentialHints.access_token).not.toBe(before.credentialHints.access_token);
    expect((await refreshCount()) - count).toBe(1);
  });

  it("invalid_grant turns the connection EXPIRED with a reason, once, with no retry storm", async () => {
    const id = await connect("user_revoked", "erin");
    await fetch(`${sandbox.issuer}/__sandbox/revoke-grants`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "erin" }),
    });
    await expire(id);
    const count = await refreshCount();
    // The refusal is an upstream failure of this execution: logged, successful:false, readable.
    const first = await executeAction(deps, {
      projectId,
      actor,
      action: "SANDBOX_LIST_NOTES",
      connectionId: id,
      arguments: {},
    });
    expect(first.successful).toBe(false);
    expect(first.error).toMatch(/EXPIRED.*reconnect/);
    const c = await getConnection(deps, { projectId, id });
    expect(c.status).toBe("EXPIRED");
    expect(c.statusReason).toMatch(/invalid_grant/);
    for (let i = 0; i < 3; i++) {
      await expect(
        executeAction(deps, {
          projectId,
          actor,
          action: "SANDBOX_LIST_NOTES",
          connectionId: id,
          arguments: {},
        }),
      ).rejects.toThrow(/EXPIRED/);
    }
    expect((await refreshCount()) - count).toBe(1);
  });
});

describe("API-key connections and proxy", () => {
  it("sandbox_key: ACTIVE at once with a checked key, executes with it in x-api-key", async () => {
    const r = await initiateConnection(deps, {
      projectId,
      userId: "user_key",
      appKey: "sandbox_key",
      credentials: { api_key: "sbx_demo_key" },
      actor,
    });
    expect(r.connection.status).toBe("ACTIVE");
    expect(r.connection.upstreamIdentity?.login).toBe("apikey_user");
    const listed = await executeAction(deps, {
      projectId,
      actor,
      action: "SANDBOX_KEY_LIST_NOTES",
      userId: "user_key",
      arguments: {},
    });
    expect(listed.successful).toBe(true);
    await expect(
      initiateConnection(deps, {
        projectId,
        userId: "user_key",
        appKey: "sandbox_key",
        credentials: { api_key: "sbx_wrong" },
        actor,
      }),
    ).rejects.toThrow(/refused the credential/);
  });

  it("proxy sends relative paths with the credential and refuses paths that leave the API base", async () => {
    const id = await connect("user_proxy", "fred");
    const ok = await proxyRequest(deps, {
      projectId,
      actor,
      connectionId: id,
      endpoint: "/api/me",
      method: "GET",
    });
    expect(ok.status).toBe(200);
    expect(ok.data.username).toBe("fred");
    for (const endpoint of ["//evil.example/x", "/\\evil.example/x", "https://evil.example/x"]) {
      await expect(
        proxyRequest(deps, { projectId, actor, connectionId: id, endpoint, method: "GET" }),
      ).rejects.toMatchObject({ code: "bad_request" });
    }
    await expect(
      proxyRequest(deps, {
        projectId,
        actor,
        connectionId: id,
        endpoint: "/api/me",
        method: "GET",
        parameters: [{ name: "Authorization", value: "x", in: "header" }],
      }),
    ).rejects.toMatchObject({ code: "bad_request" });
  });
});
