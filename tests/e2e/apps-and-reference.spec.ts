// The Apps page shows each app's action count and filters to apps that have actions; the API
// reference at /docs/api is rendered by Keyport from its own OpenAPI document, for anyone.
import { expect, test } from "@playwright/test";
import { ADMIN } from "../support/e2e-env";
import { signIn } from "../support/e2e/dashboard";

test("app cards show their action count; 'Has actions' keeps only apps with actions", async ({
  page,
}) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/apps");
  const cards = page.getByRole("list", { name: "Apps" }).getByRole("listitem");
  const card = (name: string) =>
    cards.filter({ has: page.getByRole("heading", { name, exact: true }) });
  const all = await cards.count();
  expect(all).toBeGreaterThan(2);
  await expect(card("GitHub").getByTestId("action-count")).toHaveText(/^[\d,]+ actions$/);
  await expect(card("Sandbox").getByTestId("action-count")).toHaveText(/^\d+ actions?$/);
  // Most catalog apps have no actions yet, and say so.
  await expect(
    cards.getByTestId("action-count").filter({ hasText: "No actions yet" }).first(),
  ).toBeVisible();

  await page.getByLabel("Has actions").check();
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/actions=1/);
  const withActions = await cards.count();
  expect(withActions).toBeGreaterThan(0);
  expect(withActions).toBeLessThan(all);
  await expect(cards.getByTestId("action-count").filter({ hasText: "No actions yet" })).toHaveCount(
    0,
  );
  await expect(card("GitHub")).toBeVisible();
  await expect(page.getByLabel("Has actions")).toBeChecked();
});

test("the catalog's hundreds of apps come 48 to a page, apps with actions first", async ({
  page,
}) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/apps");
  const cards = page.getByRole("list", { name: "Apps" }).getByRole("listitem");
  await expect(cards).toHaveCount(48);
  const range = page.getByTestId("apps-range");
  await expect(range).toHaveText(/^Apps 1–48 of (\d+)$/);
  const total = Number(/of (\d+)/.exec((await range.textContent()) ?? "")?.[1]);
  expect(total).toBeGreaterThanOrEqual(250);
  const firstPage = await cards.getByRole("heading").allTextContents();
  const pages = page.getByRole("navigation", { name: "App pages" });
  await pages.getByRole("link", { name: "Next page →" }).click();
  await expect(page).toHaveURL(/\/apps\?page=2$/);
  await expect(range).toHaveText(`Apps 49–96 of ${total}`);
  const secondPage = await cards.getByRole("heading").allTextContents();
  expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);
  // Past the first group, every app says it has no actions yet.
  await expect(
    cards.getByTestId("action-count").filter({ hasNotText: "No actions yet" }),
  ).toHaveCount(0);
  await pages.getByRole("link", { name: "← First page" }).click();
  await expect(page).toHaveURL(/\/apps$/);
  // The authentication filter keeps only apps offering that scheme, and paging keeps the filter.
  await page.getByLabel("Authentication").selectOption("OAUTH1");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/auth=OAUTH1/);
  const oauth1 = await cards.count();
  expect(oauth1).toBeGreaterThan(0);
  expect(oauth1).toBeLessThan(48);
  await expect(cards.filter({ hasNotText: "OAuth 1.0a" })).toHaveCount(0);
  await page.getByLabel("Authentication").selectOption("OAUTH2");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(range).toHaveText(/^Apps 1–48 of \d+$/);
  await pages.getByRole("link", { name: "Next page →" }).click();
  await expect(page).toHaveURL(/auth=OAUTH2&page=2|page=2&auth=OAUTH2|auth=OAUTH2.*page=2/);
  await expect(cards.filter({ hasNotText: "OAuth 2" })).toHaveCount(0);
  // A page past the end shows the last page, not an empty list.
  await page.goto("/apps?page=999");
  await expect(cards.first()).toBeVisible();
});

test("/docs/api renders every operation of the OpenAPI document, without signing in", async ({
  page,
  request,
}) => {
  const doc = (await (await request.get("/api/v3.1/openapi.json")).json()) as {
    paths: Record<string, Record<string, { summary: string }>>;
  };
  const res = await page.goto("/docs/api");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("reference");
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, summary: op.summary })),
  );
  expect(operations.length).toBeGreaterThan(5);
  for (const op of operations) {
    const heading = page
      .getByRole("heading", { level: 3 })
      .filter({ hasText: op.method.toUpperCase() })
      .filter({ hasText: new RegExp(`${op.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) });
    await expect(heading, `${op.method} ${op.path}`).toHaveCount(1);
  }
  // The execute call documents its body's fields, linked to the schema section.
  const execute = page.getByRole("article").filter({ hasText: "/api/v3.1/tools/execute/{slug}" });
  await expect(
    execute
      .first()
      .getByRole("region", { name: /request body/ })
      .getByText("user_id"),
  ).toBeVisible();
  await expect(page.locator("#schema-ExecuteToolRequest")).toBeVisible();
  // No script or stylesheet from elsewhere: everything comes from this origin.
  const foreign = await page.evaluate(() =>
    [...document.querySelectorAll("script[src], link[href]")]
      .map((e) => e.getAttribute("src") ?? e.getAttribute("href") ?? "")
      .filter((u) => /^https?:/.test(u) && !u.startsWith(location.origin)),
  );
  expect(foreign).toEqual([]);
});
