// The support story end to end: "a customer says their Sandbox stopped working". The grant is
// revoked at the provider, a refresh turns the connection EXPIRED with a reason; support finds
// the entity, sees why, sends a reconnect link; the end user reconnects; the SAME connection is
// ACTIVE again and the test action succeeds.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, BASE_URL } from "../support/e2e-env";
import {
  addActiveOperator,
  CONNECTED_ACCOUNTS,
  screenshot,
  signIn,
  unique,
} from "../support/e2e/dashboard";
import {
  authorizeAtSandbox,
  createLink,
  getAccount,
  keyHeaders,
  SANDBOX_ORIGIN,
} from "../support/e2e/api";

test.describe.configure({ mode: "serial" });

const ENTITY = "user_support_case";
const USERNAME = "gina";
const supportOperator = { email: `${unique("case-support")}@example.com`, password: "" };
const state = { id: "" };

const card = (page: Page) =>
  page.locator(`[data-testid="entity-connection"][data-connection-id="${state.id}"]`);

test("the end user connects Sandbox for user_support_case", async ({ browser, request }) => {
  const link = await createLink(request, "sandbox", ENTITY);
  state.id = link.connected_account_id;
  const endUser = await browser.newContext();
  const page = await endUser.newPage();
  await authorizeAtSandbox(page, link.redirect_url, USERNAME);
  await expect(page.getByRole("heading", { name: "Connected" })).toBeVisible();
  await endUser.close();
  const account = await getAccount(request, state.id);
  expect(account.body.status).toBe("ACTIVE");
  expect(account.body.upstream_identity?.login ?? JSON.stringify(account.body)).toContain(USERNAME);
});

test("the grant is revoked at the provider; the next refresh makes the connection EXPIRED with a reason", async ({
  request,
}) => {
  const revoked = await request.post(`${SANDBOX_ORIGIN}/__sandbox/revoke-grants`, {
    data: { username: USERNAME },
  });
  expect(revoked.status()).toBe(200);
  expect(((await revoked.json()) as { revoked: number }).revoked).toBeGreaterThan(0);

  // The refresh token is dead too: invalid_grant → EXPIRED at once (not a transient error).
  const refresh = await request.post(`${CONNECTED_ACCOUNTS}/${state.id}/refresh`, {
    headers: keyHeaders(),
  });
  expect(refresh.status()).toBeGreaterThanOrEqual(400);
  expect(await refresh.text()).toMatch(/EXPIRED/);
  const account = await getAccount(request, state.id);
  expect(account.body.status).toBe("EXPIRED");
  expect(account.body.status_reason).toMatch(/invalid_grant/);
});

test("support finds the entity, sees why, and copies a reconnect link; the end user reconnects the same connection", async ({
  browser,
  request,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  supportOperator.password = await addActiveOperator(admin, {
    email: supportOperator.email,
    name: "Casey Support",
    role: "support",
  });
  await admin.context().close();

  const page = await (await browser.newContext()).newPage();
  await signIn(page, supportOperator.email, supportOperator.password);

  // The overview lists it under "Needs attention", with the reason.
  const attention = page
    .getByTestId("attention-item")
    .filter({ has: page.getByRole("link", { name: `Connection ${state.id}` }) });
  await expect(attention).toContainText("Expired");
  await expect(attention).toContainText(/invalid_grant/);
  await expect(attention.getByRole("link", { name: ENTITY })).toBeVisible();
  await screenshot(page, "support-overview-needs-attention");

  // Find the entity the way support would: by the id the customer gave.
  await page.goto(`/search?q=${encodeURIComponent("user_support")}`);
  await page
    .getByRole("table", { name: "Matching entities" })
    .getByRole("link", { name: ENTITY })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: ENTITY })).toBeVisible();
  const c = card(page);
  await expect(c.getByTestId("entity-connection-status")).toContainText("Expired");
  await expect(c.getByTestId("entity-status-reason")).toContainText(/invalid_grant/);
  await expect(page.getByTestId("entity-summary")).toContainText("Sandbox: expired");
  await screenshot(page, "support-entity-expired");

  // The test action says the same, readably, without touching the provider.
  await c.getByRole("button", { name: /^Run test action/ }).click();
  await expect(c.getByTestId("test-result")).toContainText(/EXPIRED/);

  await c.getByRole("button", { name: /^Copy reconnect link/ }).click();
  const linkBox = c.getByTestId("connect-link");
  await expect(linkBox).toHaveText(new RegExp(`^${BASE_URL}/link/[A-Za-z0-9_-]{20,}$`));
  const reconnectUrl = (await linkBox.textContent()) ?? "";
  await screenshot(page, "support-entity-reconnect-link");

  // The end user, in their own browser, connects again.
  const endUser = await browser.newContext();
  const endPage = await endUser.newPage();
  await authorizeAtSandbox(endPage, reconnectUrl, USERNAME);
  await expect(endPage.getByRole("heading", { name: "Connected" })).toBeVisible();
  await endUser.close();

  // The same connection id is ACTIVE again, and the test action works.
  const account = await getAccount(request, state.id);
  expect(account.body.status).toBe("ACTIVE");
  await page.reload();
  await expect(c.getByTestId("entity-connection-status")).toContainText("Active");
  await expect(page.locator('[data-testid="entity-connection"]')).toHaveCount(1);
  await c.getByRole("button", { name: /^Run test action/ }).click();
  await expect(c.getByTestId("test-result")).toContainText(`answered HTTP 200 as ${USERNAME}`);
  await expect(page.getByText("Nothing looks wrong")).toBeVisible();
  await screenshot(page, "support-entity-fixed");

  const list = await request.get(`${CONNECTED_ACCOUNTS}?user_ids=${encodeURIComponent(ENTITY)}`, {
    headers: keyHeaders(),
  });
  const items = ((await list.json()) as { items: Array<{ id: string }> }).items;
  expect(items.map((i) => i.id)).toEqual([state.id]);
  await page.context().close();
});
