// The README's webhook receiver, run as written: it is cut out of the README's "Webhooks" section,
// started with node, and sent real deliveries by Keyport's worker (a test event, a connection
// change, the same delivery twice) and a forged request.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor, Deps } from "@/lib/core/deps";
import { createIntegration } from "@/lib/core/integrations";
import { initiateConnection } from "@/lib/core/initiate";
import { createProject } from "@/lib/core/projects";
import { deliverDue } from "@/lib/core/webhooks/deliver";
import { createWebhookEndpoint } from "@/lib/core/webhooks/endpoints";
import {
  replayWebhookDelivery,
  sendTestWebhook,
  listWebhookDeliveries,
} from "@/lib/core/webhooks/log";
import { openTestDb, testDeps, type TestDb } from "../support/db";
import { freePort } from "../support/free-port";

const actor: Actor = { type: "operator", id: "op_readme", label: "ops@example.com" };
let handle: TestDb;
let deps: Deps;
let receiver: ChildProcess;
let output = "";

/** The README's ```js block that starts with `// receiver.mjs`. */
function receiverFromReadme(): string {
  const readme = readFileSync(path.resolve("README.md"), "utf8");
  const section = readme.slice(readme.indexOf("\n## Webhooks\n"));
  const block = /```js\n(\/\/ receiver\.mjs[\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error("README: no receiver.mjs block in the Webhooks section");
  return block;
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what}; receiver output:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const drain = async () => {
  while ((await deliverDue(deps)) > 0);
};

let url = "";
let projectId = "";
let secret = "";
let endpointId = "";

beforeAll(async () => {
  handle = await openTestDb();
  deps = testDeps(handle);
  projectId = (await createProject(deps, { name: "README hooks", actor })).id;
  // Inside the repository (an ignored folder), so `standardwebhooks` resolves from node_modules.
  const dir = path.resolve("test-results/readme-webhook");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "receiver.mjs");
  writeFileSync(file, receiverFromReadme());
  const port = await freePort();
  url = `http://127.0.0.1:${port}/webhooks/keyport`;
  const created = await createWebhookEndpoint(deps, {
    projectId,
    url,
    eventTypes: ["webhook.test", "connection.initiated"],
    actor,
  });
  secret = created.secret;
  endpointId = created.endpoint.id;
  receiver = spawn(process.execPath, [file], {
    env: { ...process.env, WEBHOOK_SECRET: secret, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  receiver.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  receiver.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  await until(() => output.includes("listening"), "the README receiver did not start");
}, 60_000);

afterAll(async () => {
  receiver?.kill();
  await handle?.close();
});

it("verifies Keyport's deliveries, prints each event once, and refuses a forged one", async () => {
  await sendTestWebhook(deps, { projectId, endpointId, actor });
  const integrationId = (
    await createIntegration(deps, {
      projectId,
      actor,
      appKey: "github",
      authScheme: "OAUTH2",
      clientId: "cid",
      clientSecret: "client-secret",
    })
  ).id;
  const { connection } = await initiateConnection(deps, {
    projectId,
    userId: "user_readme",
    integrationId,
    actor,
  });
  await drain();
  await until(() => output.includes("connection.initiated"), "no connection.initiated line");
  expect(output).toMatch(/^webhook\.test/m);
  expect(output).toContain(`connection.initiated ${connection.id}`);
  const deliveries = await listWebhookDeliveries(deps, { projectId, endpointId });
  expect(deliveries.map((d) => d.status).sort()).toEqual(["delivered", "delivered"]);
  expect(deliveries.flatMap((d) => d.attempts.map((a) => a.statusCode))).toEqual([204, 204]);

  // A replay carries the same webhook-id: accepted (204) but not handled twice.
  const initiated = deliveries.find((d) => d.eventType === "connection.initiated")!;
  await replayWebhookDelivery(deps, { projectId, deliveryId: initiated.id });
  await drain();
  const lines = () => output.split("\n").filter((l) => l.startsWith("connection.initiated"));
  await new Promise((r) => setTimeout(r, 200));
  expect(lines()).toHaveLength(1);

  const forged = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": "msg_forged",
      "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
      "webhook-signature": "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    },
    body: JSON.stringify({
      type: "connection.deleted",
      timestamp: new Date().toISOString(),
      data: {},
    }),
  });
  expect(forged.status).toBe(400);
  expect(output).not.toContain("connection.deleted");
});
