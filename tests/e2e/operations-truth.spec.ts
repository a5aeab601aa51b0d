// Issue 13 items 1–3 in the browser, at phone (390 px) and desktop (1280 px) widths: a revoked
// grant makes the connection EXPIRED with the provider's reason at the next call (not a green
// "nothing looks wrong"); a refused call is in Logs, found by its request id, with a detail page;
// the log exports as CSV with the operator's session.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, BASE_URL } from "../support/e2e-env";
import { signIn } from "../support/e2e/dashboard";
import {
  authorizeAtSandbox,
  createLink,
  getAccount,
  keyHeaders,
  SANDBOX_ORIGIN,
} from "../support/e2e/api";

test.describe.configure({ mode: "serial" });

const ENTITY = `user_truth_${Date.now().toString(36)}`;
const USERNAME = "olga";
const state = { id: "", failedRequest: "", refusedRequest: "" };
const EXECUTE = `${BASE_URL}/api/v3.1/tools/execute`;

async function noSidewaysScroll(page: Page, width: number) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scroll, "the page scrolls sideways").toBeLessThanOrEqual(width);
}

test("a revoked grant: the next call refreshes once, is refused, and the connection is EXPIRED with the reason", async ({
  browser,
  request,
}) => {
  const link = await createLink(request, "sandbox", ENTITY);
  state.id = link.connected_account_id;
  const endUser = await browser.newContext();
  await authorizeAtSandbox(await endUser.newPage(), link.redirect_url, USERNAME);
  await endUser.close();
  expect((await getAccount(request, state.id)).body.status).toBe("ACTIVE");

  const revoked = await request.post(`${SANDBOX_ORIGIN}/__sandbox/revoke-grants`, {
    data: { username: USERNAME },
  });
  expect(revoked.status()).toBe(200);
  const call = await request.post(`${EXECUTE}/SANDBOX_LIST_NOTES`, {
    headers: keyHeaders(),
    data: { user_id: ENTITY, arguments: {} },
  });
  const body = (await call.json()) as { successful: boolean; error: string };
  expect(body.successful).toBe(false);
  expect(body.error).toMatch(/EXPIRED: .*invalid_grant/);
  state.failedRequest = call.headers()["x-request-id"] ?? "";
  expect(state.failedRequest).toMatch(/^req_/);
  const account = await getAccount(request, state.id);
  expect(account.body.status).toBe("EXPIRED");

  // The next call is refused by Keyport itself, naming the connection and the cause.
  const refused = await request.post(`${EXECUTE}/SANDBOX_LIST_NOTES`, {
    headers: keyHeaders(),
    data: { user_id: ENTITY, arguments: {} },
  });
  expect(refused.status()).toBe(404);
  const error = ((await refused.json()) as { error: { message: string; request_id: string } })
    .error;
  expect(error.message).toContain(`connected account ${state.id} is EXPIRED`);
  state.refusedRequest = error.request_id;
});

for (const width of [390, 1280]) {
  test(`at ${width} px: the entity page says what is wrong; Logs finds the refused call by request id; its detail; CSV export`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // Signed in at desktop width (the helper looks for the full navigation), then the width under test.
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.setViewportSize({ width, height: 900 });

    await page.goto(`/entities/${encodeURIComponent(ENTITY)}`);
    await expect(page.getByTestId("entity-summary")).toContainText("Sandbox: expired");
    await expect(page.getByText("Nothing looks wrong")).toHaveCount(0);
    await expect(page.getByTestId("entity-status-reason")).toContainText("invalid_grant");
    await noSidewaysScroll(page, width);

    await page.goto("/logs");
    await page.getByLabel("Request id").fill(state.refusedRequest);
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`request=${state.refusedRequest}`));
    const rows = page.getByRole("table", { name: "Executions" }).locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("refused by Keyport");
    await noSidewaysScroll(page, width);

    await rows
      .first()
      .getByRole("link", { name: /details$/ })
      .click();
    await expect(page.getByTestId("execution-outcome")).toContainText(
      "Refused by Keyport before reaching the provider",
    );
    await expect(page.getByTestId("execution-error")).toContainText(`${state.id} is EXPIRED`);
    await expect(page.getByText(state.refusedRequest)).toBeVisible();
    await expect(page.getByText("connection_expired")).toBeVisible();
    await noSidewaysScroll(page, width);

    const csv = await page.request.get(
      `/api/dashboard/logs/export?format=csv&request=${state.failedRequest}`,
    );
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,${state.failedRequest},api,error,error,`);
    await context.close();
  });
}

test("the export needs an operator session", async ({ request }) => {
  const res = await request.get(`${BASE_URL}/api/dashboard/logs/export?format=ndjson`, {
    maxRedirects: 0,
  });
  expect(res.status()).toBe(401);
});
