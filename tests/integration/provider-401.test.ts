// A provider's 401 on a call (issue 13 item 1), against the real sandbox: an OAuth 2 connection
// refreshes once (single-flight) and retries once; a refused refresh leaves it EXPIRED with the
// provider's reason and an event; an API-key connection is marked as failing its check.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionEvents, connections } from "@/db/schema";
import { bindings } from "@/lib/core/bindings";
import { systemActor, type Deps } from "@/lib/core/deps";
import { executeAction } from "@/lib/core/execute";
import { initiateConnection } from "@/lib/core/initiate";
import { proxyRequest } from "@/lib/core/proxy";
import { seal, unseal } from "@/lib/core/sealed";
import { randomToken } from "@/lib/crypto";
import type { Sandbox } from "@/lib/sandbox";
import type { TestDb } from "../support/db";
import { connectAtSandbox, sandboxStats } from "../support/oauth-browser";
import { openSandboxProject } from "../support/sandbox-project";

const CLIENT_SECRET = `cs_401_${randomToken(12)}`;
const actor = systemActor;
let sandbox: Sandbox;
let handle: TestDb;
let deps: Deps;
let projectId: string;
let integrationId: string;

const refreshCount = async () => (await sandboxStats(sandbox.issuer)).token_requests.refresh_token;

const rowOf = async (id: string) =>
  (await deps.db.select().from(connections).where(eq(connections.id, id)))[0]!;

const eventsOf = (id: string, type: string) =>
  deps.db
    .select({ detail: connectionEvents.detail })
    .from(connectionEvents)
    .where(and(eq(connectionEvents.connectionId, id), eq(connectionEvents.type, type)));

/** Replace stored secrets as if the provider had stopped accepting them (keeps the rest). */
async function replaceSecrets(id: string, change: Record<string, string>): Promise<void> {
  const row = await rowOf(id);
  const bag = unseal(deps, bindings.connectionCredentials(id), row.credentialsEnc!);
  await deps.db
    .update(connections)
    .set({ credentialsEnc: seal(deps, bindings.connectionCredentials(id), { ...bag, ...change }) })
    .where(eq(connections.id, id));
}

const listNotes = (userId: string, action = "SANDBOX_LIST_NOTES") =>
  executeAction(deps, { projectId, actor, action, userId, arguments: {} });

beforeAll(async () => {
  ({ handle, sandbox, deps, projectId, integrationId } = await openSandboxProject({
    name: "Provider 401",
    clientSecret: CLIENT_SECRET,
    actor,
  }));
});

afterAll(async () => {
  await sandbox?.close();
  await handle?.close();
});

describe("OAuth 2: a 401 on an ACTIVE connection", () => {
  it("refreshes once for 12 concurrent calls, retries each once, and every call succeeds", async () => {
    const id = await connectAtSandbox(deps, {
      projectId,
      userId: "u_rejected_token",
      integrationId,
      username: "rita",
    });
    // The access token is no longer accepted (not expired by its date: only the 401 tells).
    await replaceSecrets(id, { access_token: `revoked_${randomToken(16)}` });
    const before = await refreshCount();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => listNotes("u_rejected_token")),
    );
    expect(results.map((r) => [r.successful, r.httpStatus])).toEqual(
      Array.from({ length: 12 }, () => [true, 200]),
    );
    expect((await refreshCount()) - before).toBe(1);
    const row = await rowOf(id);
    expect(row.status).toBe("ACTIVE");
    expect(await eventsOf(id, "refreshed")).toHaveLength(1);
  });

  it("a refused refresh (grant revoked at the provider) leaves it EXPIRED with the provider's reason and one event", async () => {
    const id = await connectAtSandbox(deps, {
      projectId,
      userId: "u_revoked",
      integrationId,
      username: "victor",
    });
    const revoked = await fetch(`${sandbox.issuer}/__sandbox/revoke-grants`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "victor" }),
    });
    expect(await revoked.json()).toEqual({ revoked: 1 });
    const before = await refreshCount();
    const first = await listNotes("u_revoked");
    expect(first.successful).toBe(false);
    expect(first.error).toMatch(new RegExp(`Connected account ${id} is EXPIRED: .*invalid_grant`));
    expect((await refreshCount()) - before).toBe(1);
    const row = await rowOf(id);
    expect(row.status).toBe("EXPIRED");
    expect(row.statusReason).toMatch(/invalid_grant/);
    const expired = await eventsOf(id, "expired");
    expect(expired).toHaveLength(1);
    expect(expired[0]!.detail).toBe(row.statusReason);
    // The next call is refused by Keyport, naming the connection and why; no more token requests.
    await expect(listNotes("u_revoked")).rejects.toThrow(
      new RegExp(
        `no active connection for app "sandbox": connected account ${id} is EXPIRED: .*invalid_grant`,
      ),
    );
    expect((await refreshCount()) - before).toBe(1);
  });

  it("a token without a refresh token becomes EXPIRED at the 401, naming the provider's answer", async () => {
    const id = await connectAtSandbox(deps, {
      projectId,
      userId: "u_no_refresh",
      integrationId,
      username: "nora",
    });
    await replaceSecrets(id, { access_token: `revoked_${randomToken(16)}`, refresh_token: "" });
    const r = await proxyRequest(deps, {
      projectId,
      actor,
      connectionId: id,
      endpoint: "/api/me",
      method: "GET",
    });
    expect(r.status).toBe(401);
    const row = await rowOf(id);
    expect(row.status).toBe("EXPIRED");
    expect(row.statusReason).toMatch(/^Sandbox answered HTTP 401 .*no refresh token/);
    expect(await eventsOf(id, "expired")).toHaveLength(1);
  });
});

describe("API key: a 401", () => {
  it("marks the connection as failing its check (one event), and a later success clears it", async () => {
    const { connection } = await initiateConnection(deps, {
      projectId,
      userId: "u_key",
      appKey: "sandbox_key",
      credentials: { api_key: "sbx_demo_key" },
      actor,
    });
    await replaceSecrets(connection.id, { api_key: "sbx_rotated_away" });
    for (let i = 0; i < 2; i++) {
      const r = await listNotes("u_key", "SANDBOX_KEY_LIST_NOTES");
      expect([r.successful, r.httpStatus]).toEqual([false, 401]);
    }
    let row = await rowOf(connection.id);
    expect(row.status).toBe("ACTIVE");
    expect(row.checkFailedAt).toBeInstanceOf(Date);
    expect(row.checkFailure).toMatch(/^Sandbox \(API key\) answered HTTP 401/);
    expect(await eventsOf(connection.id, "check_failed")).toHaveLength(1);

    await replaceSecrets(connection.id, { api_key: "sbx_demo_key" });
    expect((await listNotes("u_key", "SANDBOX_KEY_LIST_NOTES")).successful).toBe(true);
    row = await rowOf(connection.id);
    expect([row.checkFailedAt, row.checkFailure]).toEqual([null, null]);
    expect(await eventsOf(connection.id, "check_passed")).toHaveLength(1);
  });
});
