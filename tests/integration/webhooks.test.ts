// Signed webhooks (issue 14) on real PGlite or Postgres with a real HTTP receiver: every delivery
// is verified with the standardwebhooks package (and Composio's verifyWebhook for its event).
// The retry schedule runs on an injected clock; the worker is the real one (deliverDue).
import { Composio } from "@composio/core";
import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, webhookDeliveries, webhookEndpoints, webhookMessages } from "@/db/schema";
import { openDb, type DbHandle } from "@/db";
import { activateConnection, failConnection } from "@/lib/core/activate";
import { deleteConnection } from "@/lib/core/delete";
import { setConnectionEnabled } from "@/lib/core/connections";
import type { Actor, Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { recordEvent } from "@/lib/core/events";
import { createIntegration } from "@/lib/core/integrations";
import { initiateConnection } from "@/lib/core/initiate";
import { createProject } from "@/lib/core/projects";
import { expireAbandonedFlows } from "@/lib/core/sweeps";
import {
  claimDue,
  deleteOldWebhookMessages,
  deliverDue,
  DISABLE_AFTER_MS,
  RETRY_DELAYS_MS,
} from "@/lib/core/webhooks/deliver";
import {
  createWebhookEndpoint,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "@/lib/core/webhooks/endpoints";
import {
  listWebhookDeliveries,
  replayWebhookDelivery,
  sendTestWebhook,
} from "@/lib/core/webhooks/log";
import { startWebhookWorker } from "@/lib/server/webhook-worker";
import { openTestDb, testDeps, type TestDb } from "../support/db";
import { startReceiver, webhookHeadersOf, type Receiver } from "../support/webhook-receiver";

const actor: Actor = { type: "operator", id: "op_test", label: "ops@example.com" };
let handle: TestDb;
let deps: Deps;
let projectId: string;
let integrationId: string;
let receiver: Receiver;

beforeAll(async () => {
  handle = await openTestDb();
  deps = testDeps(handle);
  projectId = (await createProject(deps, { name: "Hooks", actor })).id;
  integrationId = (
    await createIntegration(deps, {
      projectId,
      actor,
      appKey: "github",
      authScheme: "OAUTH2",
      clientId: "cid",
      clientSecret: "client-secret-never-sent",
    })
  ).id;
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

beforeEach(async () => {
  await receiver?.close();
  receiver = await startReceiver();
  // Each test starts with no endpoint and an empty queue.
  await deps.db.delete(webhookEndpoints).where(eq(webhookEndpoints.projectId, projectId));
  await deps.db.delete(webhookMessages).where(eq(webhookMessages.projectId, projectId));
});

async function endpoint(eventTypes: string[], url = receiver.url) {
  return createWebhookEndpoint(deps, { projectId, url, eventTypes, actor });
}

/** Deliver everything due now (the injected clock decides what "now" is). */
async function drain(now = new Date()): Promise<void> {
  while ((await deliverDue(deps, { now: () => now })) > 0);
}

function verified(secret: string, i: number) {
  const r = receiver.received[i]!;
  return new Webhook(secret).verify(r.body, webhookHeadersOf(r)) as {
    type: string;
    timestamp: string;
    data: Record<string, unknown>;
  };
}

async function newConnection(userId: string): Promise<string> {
  const { connection } = await initiateConnection(deps, {
    projectId,
    userId,
    integrationId,
    actor,
  });
  return connection.id;
}

const activate = (connectionId: string, login = "octo") =>
  activateConnection(deps, {
    projectId,
    connectionId,
    secrets: { access_token: "gho_secret_token_value", token_type: "bearer" },
    identity: { id: login, login },
  });

describe("endpoints refuse bad input with a readable 400", () => {
  it.each([
    ["ftp://example.com/x", /scheme/],
    ["https://user:pw@example.com/x", /credentials/],
    ["https://10.0.0.7/x", /blocked address/],
    ["not a url", /valid URL/],
  ])("%s", async (url, message) => {
    const err = await createWebhookEndpoint(deps, {
      projectId,
      url,
      eventTypes: ["connection.expired"],
      actor,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("bad_request");
    expect((err as AppError).message).toMatch(message);
  });

  it("plain http is refused in production (no loopback egress)", async () => {
    const prod = { ...deps, allowLoopbackEgress: false };
    await expect(
      createWebhookEndpoint(prod, {
        projectId,
        url: "http://example.com/hook",
        eventTypes: ["connection.expired"],
        actor,
      }),
    ).rejects.toThrow(/must be https/);
    await expect(
      createWebhookEndpoint(prod, {
        projectId,
        url: "https://127.0.0.1/hook",
        eventTypes: ["connection.expired"],
        actor,
      }),
    ).rejects.toThrow(/blocked address/);
  });

  it("unknown event types are refused by name", async () => {
    await expect(endpoint(["connection.expired", "connection.exploded", "nope"])).rejects.toThrow(
      "Unknown event type(s): connection.exploded, nope",
    );
  });

  it("the secret is whsec_… and stored sealed, never in the clear", async () => {
    const { secret, endpoint: view } = await endpoint(["connection.expired"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    const [row] = await deps.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, view.id));
    expect(row!.secretEnc).not.toContain(secret.slice(6));
    expect(JSON.stringify(view)).not.toContain(secret.slice(6));
  });
});

describe("every lifecycle transition produces its signed event", () => {
  it("initiated, active, disabled, enabled, reconnected (account changed), failed, expired, deleted", async () => {
    const all = [
      "connection.initiated",
      "connection.active",
      "connection.disabled",
      "connection.enabled",
      "connection.reconnected",
      "connection.failed",
      "connection.expired",
      "connection.deleted",
    ];
    const { secret } = await endpoint(all);
    const id = await newConnection("life-1");
    await activate(id, "octo");
    await setConnectionEnabled(deps, { projectId, id, enabled: false, actor });
    await setConnectionEnabled(deps, { projectId, id, enabled: true, actor });
    await activate(id, "someone-else");
    await failConnection(deps, {
      projectId,
      connectionId: id,
      reason: "access_denied",
      previousStatus: "ACTIVE",
    });
    const abandoned = await newConnection("life-2");
    await expireAbandonedFlows({ db: deps.db, flowTtlSeconds: -60 });
    await deleteConnection(deps, { projectId, id, revoke: false, actor });
    await drain();
    const got = receiver.received.map((_, i) => verified(secret, i));
    const types = got.map((p) => `${p.type}:${String(p.data.id)}`);
    // The expiry sweep sees every INITIATED connection of the database, ours is one of them.
    expect(types).toEqual(
      expect.arrayContaining([
        `connection.initiated:${id}`,
        `connection.active:${id}`,
        `connection.disabled:${id}`,
        `connection.enabled:${id}`,
        `connection.reconnected:${id}`,
        `connection.failed:${id}`,
        `connection.initiated:${abandoned}`,
        `connection.expired:${abandoned}`,
        `connection.deleted:${id}`,
      ]),
    );
    const reconnected = got.find((p) => p.type === "connection.reconnected")!;
    expect(reconnected.data.account_changed).toBe(true);
    const disabled = got.find((p) => p.type === "connection.disabled")!;
    expect(disabled.data.actor).toEqual({
      type: "operator",
      id: "op_test",
      label: "ops@example.com",
    });
    expect(disabled.data.entity_id).toBe("life-1");
    expect((disabled.data.connection as { id: string; is_disabled: boolean }).is_disabled).toBe(
      true,
    );
    // Never a secret: not the token, not the client secret.
    for (const r of receiver.received) {
      expect(r.body).not.toContain("gho_secret_token_value");
      expect(r.body).not.toContain("client-secret-never-sent");
    }
  });

  it("connection.expired is also sent as composio.connected_account.expired, verified by Composio's verifyWebhook", async () => {
    const { secret } = await endpoint(["composio.connected_account.expired"]);
    const id = await newConnection("composio-1");
    await expireAbandonedFlows({ db: deps.db, flowTtlSeconds: -60 });
    await drain();
    const composio = new Composio({
      apiKey: "unused",
      allowTracking: false,
      disableVersionCheck: true,
    });
    const mine = receiver.received.filter((r) => r.body.includes(id));
    expect(mine).toHaveLength(1);
    const r = mine[0]!;
    const result = await composio.triggers.verifyWebhook({
      payload: r.body,
      signature: String(r.headers["webhook-signature"]),
      id: String(r.headers["webhook-id"]),
      timestamp: String(r.headers["webhook-timestamp"]),
      secret,
    });
    expect(result.version).toBe("V3");
    // The same header verifies with the Standard Webhooks library too.
    new Webhook(secret).verify(r.body, webhookHeadersOf(r));
    const raw = JSON.parse(r.body) as {
      id: string;
      type: string;
      data: { id: string; status: string; toolkit: { slug: string } };
      metadata: { project_id: string };
    };
    expect(raw.type).toBe("composio.connected_account.expired");
    expect(raw.id).toBe(r.headers["webhook-id"]);
    expect(raw.data).toMatchObject({ id, status: "EXPIRED", toolkit: { slug: "github" } });
    expect(raw.metadata.project_id).toBe(projectId);
  });

  it("an endpoint gets only the types it asked for", async () => {
    await endpoint(["connection.deleted"]);
    const id = await newConnection("only-1");
    await activate(id);
    await drain();
    expect(receiver.received).toHaveLength(0);
  });
});

describe("outbox", () => {
  it("an event is written in the change's transaction: a rolled-back change leaves no event and no delivery", async () => {
    await endpoint(["connection.disabled"]);
    const id = await newConnection("atomic-1");
    await expect(
      deps.db.transaction(async (tx) => {
        await recordEvent(tx, { connectionId: id, projectId, type: "disabled", actor });
        throw new Error("the change failed after its event");
      }),
    ).rejects.toThrow("the change failed");
    expect(
      await deps.db.select().from(webhookMessages).where(eq(webhookMessages.subjectId, id)),
    ).toEqual([]);
    await deps.db.transaction((tx) =>
      recordEvent(tx, { connectionId: id, projectId, type: "disabled", actor }),
    );
    const messages = await deps.db
      .select()
      .from(webhookMessages)
      .where(eq(webhookMessages.subjectId, id));
    expect(messages.map((m) => m.type)).toEqual(["connection.disabled"]);
    const deliveries = await deps.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.messageId, messages[0]!.id));
    expect(deliveries.map((d) => d.status)).toEqual(["pending"]);
  });
});

describe("delivery", () => {
  it("500 then 200: one retry after 5 s with the same webhook-id, both attempts logged", async () => {
    const { secret, endpoint: e } = await endpoint(["webhook.test"]);
    receiver.script.push({ status: 500 });
    await sendTestWebhook(deps, { projectId, endpointId: e.id, actor });
    const t0 = new Date();
    await drain(t0);
    expect(receiver.received).toHaveLength(1);
    await drain(new Date(t0.getTime() + RETRY_DELAYS_MS[0]! - 1_000));
    expect(receiver.received).toHaveLength(1); // not due yet
    await drain(new Date(t0.getTime() + RETRY_DELAYS_MS[0]! + 1_000));
    expect(receiver.received).toHaveLength(2);
    const [a, b] = receiver.received;
    expect(a!.headers["webhook-id"]).toBe(b!.headers["webhook-id"]);
    expect(verified(secret, 1).type).toBe("webhook.test");
    const [log] = await listWebhookDeliveries(deps, { projectId, endpointId: e.id });
    expect(log!.status).toBe("delivered");
    expect(log!.attempts.map((x) => x.statusCode)).toEqual([500, 200]);
    expect(log!.attempts[0]!.responseExcerpt).toBe("answer 500");
    expect(log!.attempts[0]!.nextAttemptAt).not.toBeNull();
  });

  it("Retry-After is honoured when longer than the schedule", async () => {
    const { endpoint: e } = await endpoint(["webhook.test"]);
    receiver.script.push({ status: 503, headers: { "retry-after": "120" } });
    await sendTestWebhook(deps, { projectId, endpointId: e.id, actor });
    const t0 = new Date();
    await drain(t0);
    const [d] = await deps.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, e.id));
    expect(d!.nextAttemptAt!.getTime() - t0.getTime()).toBeGreaterThanOrEqual(120_000);
    await drain(new Date(t0.getTime() + 60_000));
    expect(receiver.received).toHaveLength(1);
  });

  it("a redirect is not followed and counts as a failure", async () => {
    const { endpoint: e } = await endpoint(["webhook.test"]);
    receiver.script.push({ status: 302, headers: { location: "http://127.0.0.1:9/elsewhere" } });
    await sendTestWebhook(deps, { projectId, endpointId: e.id, actor });
    await drain();
    const [log] = await listWebhookDeliveries(deps, { projectId, endpointId: e.id });
    expect(log!.status).toBe("pending");
    expect(log!.attempts[0]).toMatchObject({
      statusCode: 302,
      error: "redirects are not followed",
    });
  });

  it("410 disables the endpoint, with an audit entry; nothing more is sent to it", async () => {
    const { endpoint: e } = await endpoint(["webhook.test", "connection.active"]);
    receiver.script.push({ status: 410 });
    await sendTestWebhook(deps, { projectId, endpointId: e.id, actor });
    await drain();
    const [row] = await deps.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, e.id));
    expect(row).toMatchObject({ enabled: false, disabledReason: "The endpoint answered 410 Gone" });
    const audit = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, e.id), eq(auditLog.verb, "webhook_endpoint.disable")));
    expect(audit).toHaveLength(1);
    await activate(await newConnection("after-410"));
    await drain();
    expect(receiver.received).toHaveLength(1);
  });

  it("an endpoint failing for 5 days is disabled; ten failed attempts end a delivery", async () => {
    const { endpoint: e } = await endpoint(["webhook.test"]);
    for (let i = 0; i < 20; i++) receiver.script.push({ status: 500 });
    await sendTestWebhook(deps, { projectId, endpointId: e.id, actor });
    const t0 = new Date();
    let t = t0.getTime();
    await drain(new Date(t));
    for (const delay of RETRY_DELAYS_MS) {
      t += delay + 1_000;
      await drain(new Date(t));
    }
    const [log] = await listWebhookDeliveries(deps, { projectId, endpointId: e.id });
    expect(log!.attempts).toHaveLength(RETRY_DELAYS_MS.length + 1);
    expect(log!.status).toBe("failed");
    expect(t - t0.getTime()).toBeLessThan(DISABLE_AFTER_MS);
    const [mid] = await deps.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, e.id));
    expect(mid!.enabled).toBe(true);
    expect(mid!.failingSince).not.toBeNull();
    // Another event fails five days after the streak began: the endpoint is disabled.
    await sendTestWebhook(deps, { projectId, endpointId: e.id, actor });
    await drain(new Date(t0.getTime() + DISABLE_AFTER_MS + 60_000));
    const [after] = await deps.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, e.id));
    expect(after).toMatchObject({
      enabled: false,
      disabledReason: "Every delivery failed for 5 days",
    });
  });

  it("replay sends the same message again with the same webhook-id", async () => {
    const { secret, endpoint: e } = await endpoint(["webhook.test"]);
    await sendTestWebhook(deps, { projectId, endpointId: e.id, actor });
    await drain();
    const [first] = await listWebhookDeliveries(deps, { projectId, endpointId: e.id });
    await replayWebhookDelivery(deps, { projectId, deliveryId: first!.id });
    await drain();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers["webhook-id"]).toBe(
      receiver.received[0]!.headers["webhook-id"],
    );
    expect(verified(secret, 1).type).toBe("webhook.test");
    await expect(
      replayWebhookDelivery(deps, { projectId: "prj_other", deliveryId: first!.id }),
    ).rejects.toThrow(/not found/);
  });

  it("rotation: both secrets sign for 24 hours, then only the new one", async () => {
    const { secret: old, endpoint: e } = await endpoint(["webhook.test"]);
    const { secret: fresh } = await rotateWebhookSecret(deps, { projectId, id: e.id, actor });
    expect(fresh).not.toBe(old);
    await sendTestWebhook(deps, { projectId, endpointId: e.id, actor });
    const t0 = new Date();
    await drain(t0);
    expect(String(receiver.received[0]!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verified(old, 0).type).toBe("webhook.test");
    expect(verified(fresh, 0).type).toBe("webhook.test");
    await sendTestWebhook(deps, { projectId, endpointId: e.id, actor });
    // Queued now, sent 25 hours later by the clock: the overlap is over.
    await drain(new Date(t0.getTime() + 25 * 3600_000));
    expect(verified(fresh, 1).type).toBe("webhook.test");
    expect(() => verified(old, 1)).toThrow();
  });

  it("re-enabling an endpoint clears Keyport's reason; retention deletes old events with their log", async () => {
    const { endpoint: e } = await endpoint(["webhook.test"]);
    await deps.db
      .update(webhookEndpoints)
      .set({ enabled: false, disabledReason: "The endpoint answered 410 Gone" })
      .where(eq(webhookEndpoints.id, e.id));
    const view = await updateWebhookEndpoint(deps, { projectId, id: e.id, enabled: true, actor });
    expect(view).toMatchObject({ enabled: true, disabledReason: null });
    await sendTestWebhook(deps, { projectId, endpointId: e.id, actor });
    await drain();
    expect(await deleteOldWebhookMessages(deps, 30)).toBe(0);
    expect(
      await deleteOldWebhookMessages(deps, 30, new Date(Date.now() + 31 * 24 * 3600_000)),
    ).toBeGreaterThan(0);
    expect(await listWebhookDeliveries(deps, { projectId, endpointId: e.id })).toEqual([]);
  });
});

describe("workers", () => {
  it("two workers claiming at once never take the same delivery (FOR UPDATE SKIP LOCKED)", async () => {
    const { secret, endpoint: e } = await endpoint(["webhook.test"]);
    for (let i = 0; i < 30; i++)
      await sendTestWebhook(deps, { projectId, endpointId: e.id, actor });
    // A second handle on the same database where there is a server (PGlite has one connection).
    let other: DbHandle | undefined;
    if (handle.url) other = await openDb({ url: handle.url });
    const second = other ? { ...deps, db: other.db } : deps;
    const now = new Date();
    const claims = await Promise.all([
      claimDue(deps, now, 20),
      claimDue(second, now, 20),
      claimDue(deps, now, 20),
    ]);
    const ids = claims.flat().map((c) => c.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    await other?.close();
    // The leased rows are due again after the lease: a worker that died leaves nothing behind.
    await drain(new Date(now.getTime() + 61_000));
    expect(receiver.received).toHaveLength(30);
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(30);
    for (let i = 0; i < 30; i++) verified(secret, i);
  });

  it("the worker is woken at commit by NOTIFY and delivers without waiting for its poll", async () => {
    const { secret, endpoint: e } = await endpoint(["connection.active"]);
    void e;
    const worker = await startWebhookWorker(deps, handle.listen, { pollMs: 60_000 });
    try {
      const id = await newConnection("notify-1");
      const started = Date.now();
      await activate(id);
      await receiver.waitFor(1, 5_000);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(verified(secret, 0).data.id).toBe(id);
    } finally {
      await worker.stop();
    }
  });
});
