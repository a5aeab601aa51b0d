// Settings → Webhooks (issue 14) against the production build: add an endpoint (secret shown once),
// send a test event to a real receiver (verified with standardwebhooks), the delivery log, replay,
// a 410 disables the endpoint with a banner; the API in Composio's shapes through Composio's SDK.
import { Composio } from "@composio/core";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { ADMIN, BASE_URL, BOOTSTRAP_KEY } from "../support/e2e-env";
import { signIn, unique } from "../support/e2e/dashboard";
import { keyHeaders } from "../support/e2e/api";
import { startReceiver, webhookHeadersOf, type Receiver } from "../support/webhook-receiver";

test.describe.configure({ mode: "serial" });

let receiver: Receiver;

test.beforeAll(async () => {
  receiver = await startReceiver(`/${unique("hook")}`);
});

test.afterAll(async () => {
  await receiver?.close();
});

test("add an endpoint, send a test event, see it in the log, replay it; a 410 disables it with a banner", async ({
  page,
}) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/settings/webhooks");
  await page.getByLabel("URL", { exact: true }).fill(receiver.url);
  await page.getByLabel("Description").fill("e2e receiver");
  await page.getByRole("checkbox", { name: "webhook.test" }).check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secret = await page.getByLabel("Signing secret").inputValue();
  expect(secret).toMatch(/^whsec_/);

  await page.reload();
  await expect(page.getByLabel("Signing secret")).toHaveCount(0); // shown once
  await page.getByRole("link", { name: receiver.url }).first().click();
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText("Test event queued")).toBeVisible();
  await receiver.waitFor(1);
  const first = receiver.received[0]!;
  const payload = new Webhook(secret).verify(first.body, webhookHeadersOf(first)) as {
    type: string;
  };
  expect(payload.type).toBe("webhook.test");

  await expect(async () => {
    await page.reload();
    await expect(page.getByText("delivered", { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await expect(page.getByText(/· 200 ·/)).toBeVisible();
  await page.getByRole("button", { name: "Replay" }).first().click();
  await receiver.waitFor(2);
  expect(receiver.received[1]!.headers["webhook-id"]).toBe(first.headers["webhook-id"]);

  // The receiver says the endpoint is gone: Keyport disables it and says so on the list.
  receiver.script.push({ status: 410 });
  await page.getByRole("button", { name: "Send test event" }).click();
  await receiver.waitFor(3);
  await expect(async () => {
    await page.goto("/settings/webhooks");
    await expect(page.getByText("The endpoint answered 410 Gone")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
});

test("API: Composio's SDK sets a subscription; get, rotate_secret, event_types, readable 400s, delete", async ({
  request,
}) => {
  const composio = new Composio({
    apiKey: BOOTSTRAP_KEY,
    baseURL: BASE_URL,
    allowTracking: false,
    disableVersionCheck: true,
  });
  const sub = await composio.triggers.setWebhookSubscription({
    webhookUrl: `${receiver.url}/sdk`,
    enabledEvents: ["composio.connected_account.expired"],
  });
  expect(sub.id).toMatch(/^we_/);
  expect(sub.enabledEvents).toContain("composio.connected_account.expired");

  const got = await request.get(`/api/v3.1/webhook_subscriptions/${sub.id}`, {
    headers: keyHeaders(),
  });
  expect(got.status()).toBe(200);
  const view = (await got.json()) as { secret?: string; version: string };
  expect(view.secret).toBeUndefined();
  expect(view.version).toBe("V3");

  const rotated = await request.post(`/api/v3.1/webhook_subscriptions/${sub.id}/rotate_secret`, {
    headers: keyHeaders(),
  });
  expect(rotated.status()).toBe(200);
  expect(((await rotated.json()) as { secret: string }).secret).toMatch(/^whsec_/);

  const types = await request.get("/api/v3.1/webhook_subscriptions/event_types", {
    headers: keyHeaders(),
  });
  const names = ((await types.json()) as { items: { event_type: string }[] }).items.map(
    (i) => i.event_type,
  );
  expect(names).toEqual(expect.arrayContaining(["connection.expired", "webhook.test"]));

  for (const [body, message] of [
    [{ webhook_url: "https://10.1.2.3/x", enabled_events: ["webhook.test"] }, /blocked address/],
    [{ webhook_url: "https://a:b@example.com/x", enabled_events: ["webhook.test"] }, /credentials/],
    [
      { webhook_url: "https://example.com/x", enabled_events: ["connection.exploded"] },
      /connection\.exploded/,
    ],
  ] as const) {
    const res = await request.post("/api/v3.1/webhook_subscriptions", {
      headers: keyHeaders(),
      data: body,
    });
    expect(res.status()).toBe(400);
    expect(await res.text()).toMatch(message);
  }

  const deleted = await request.delete(`/api/v3.1/webhook_subscriptions/${sub.id}`, {
    headers: keyHeaders(),
  });
  expect(deleted.status()).toBe(200);
  const again = await request.get(`/api/v3.1/webhook_subscriptions/${sub.id}`, {
    headers: keyHeaders(),
  });
  expect(again.status()).toBe(404);
});
