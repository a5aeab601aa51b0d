// Abandoned connect links (issue 13 item 3), in Chromium at phone and desktop widths: links nobody
// finished become EXPIRED with their own reason and mark, stay out of "Needs attention" unless
// asked for, show as "Abandoned link" on the entity page, and the entity's next link reuses the
// abandoned connection instead of leaving a twin. A second Keyport with a 10 s flow TTL runs this,
// so the shared server's links keep their normal lifetime; its sweep runs every 30 s.
import { expect, request as playwright, test, type APIRequestContext } from "@playwright/test";
import { ADMIN } from "../support/e2e-env";
import { createLink, keyHeaders } from "../support/e2e/api";
import { signIn, unique } from "../support/e2e/dashboard";
import { startSecondKeyport, type SecondServer } from "../support/e2e/second-server";

test.describe.configure({ mode: "serial" });

let server: SecondServer;
let api: APIRequestContext;
const users = [unique("user_left_a"), unique("user_left_b")].map((u) => u.replace(/-/g, "_"));
const ids: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(150_000);
  server = await startSecondKeyport({ KEYPORT_FLOW_TTL_SECONDS: "10" });
  api = await playwright.newContext({ baseURL: server.baseUrl });
  for (const user of users) ids.push((await createLink(api, "sandbox", user)).connected_account_id);
});

test.afterAll(async () => {
  await api?.dispose();
  await server?.stop();
});

const account = async (id: string) => {
  const res = await api.get(`/api/v3.1/connected_accounts/${id}`, { headers: keyHeaders() });
  expect(res.status()).toBe(200);
  return (await res.json()) as { id: string; status: string; status_reason: string | null };
};

test("links nobody finished: their own reason, hidden from Needs attention, shown on request; at 390 and 1280 px", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // The sweep marks both links abandoned once they are older than the TTL.
  for (const id of ids) {
    await expect
      .poll(async () => (await account(id)).status, { timeout: 90_000, intervals: [2_000] })
      .toBe("EXPIRED");
    expect((await account(id)).status_reason).toMatch(/did not finish connecting/);
  }

  for (const width of [390, 1280]) {
    const context = await browser.newContext({ baseURL: server.baseUrl });
    const page = await context.newPage();
    await signIn(page, ADMIN.email, ADMIN.password);
    // Below 1024 px the navigation folds behind a Menu button: sign in first, then narrow.
    await page.setViewportSize({ width, height: 900 });
    await page.reload();
    // The card: its header holds the links, its body (a region of that name) the list.
    const attention = page.locator("section", {
      has: page.getByRole("heading", { name: "Needs attention", level: 2 }),
    });
    // Hidden by default: nothing needs attention, and the two links are counted apart.
    await expect(attention.getByText("Nothing needs attention")).toBeVisible();
    await expect(attention.getByTestId("attention-item")).toHaveCount(0);
    await attention.getByRole("link", { name: "Show 2 unfinished connect links" }).click();
    await expect(page).toHaveURL((url) => url.search === "?abandoned=1");
    const items = attention.getByTestId("attention-item");
    await expect(items).toHaveCount(2);
    for (const user of users) {
      const item = items.filter({ hasText: user });
      await expect(item.getByText("Abandoned link")).toBeVisible();
      await expect(item).toContainText("did not finish connecting");
    }
    await attention.getByRole("link", { name: "Hide unfinished links" }).click();
    await expect(attention.getByTestId("attention-item")).toHaveCount(0);

    // The entity page says what it is, never "Nothing looks wrong" nor a failure.
    await page.goto(`/entities/${encodeURIComponent(users[0]!)}`);
    await expect(page.getByText("Connect link never finished")).toBeVisible();
    await expect(page.getByTestId("entity-summary")).toContainText("did not finish connecting");
    const card = page.getByTestId("entity-connection").filter({ hasText: ids[0]! });
    await expect(card.getByText("Abandoned link")).toBeVisible();
    await expect(card.getByTestId("entity-status-reason")).toContainText("did not finish");
    await expect(page.getByText("Nothing looks wrong")).toHaveCount(0);
    // The page fits the phone: nothing scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(overflow, `horizontal overflow at ${width} px`).toBeLessThanOrEqual(0);
    await context.close();
  }
});

test("the entity's next link reuses its abandoned connection instead of leaving a twin", async () => {
  const again = await createLink(api, "sandbox", users[0]!);
  expect(again.connected_account_id).toBe(ids[0]);
  const reused = await account(ids[0]!);
  expect(reused.status).toBe("INITIATED");
  expect(reused.status_reason).toBeNull();
  const list = await api.get(`/api/v3.1/connected_accounts?user_ids=${users[0]}`, {
    headers: keyHeaders(),
  });
  expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);
});
