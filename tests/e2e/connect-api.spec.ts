// The connect flow driven by the API and a real browser against the sandbox's oidc-provider.
import { expect, test } from "@playwright/test";
import { authorizeAtSandbox, createLink, getAccount, keyHeaders } from "../support/e2e/api";

test("an end user connects the sandbox through a link and the connection turns ACTIVE with the upstream identity", async ({
  browser,
  request,
}) => {
  const link = await createLink(request, "sandbox", "user_7a9f3b_db_id");
  expect(link.redirect_url).toMatch(/\/link\/[A-Za-z0-9_-]{40,}$/);
  expect((await getAccount(request, link.connected_account_id)).body.status).toBe("INITIATED");

  const endUser = await browser.newContext();
  const page = await endUser.newPage();
  await authorizeAtSandbox(page, link.redirect_url, "alice");
  await expect(page.getByRole("heading", { name: "Connected" })).toBeVisible();
  expect(page.url()).toContain("status=success");

  const account = await getAccount(request, link.connected_account_id);
  expect(account.body.status).toBe("ACTIVE");
  expect(account.body.upstream_identity?.login).toBe("alice");
  expect(JSON.stringify(account.body)).not.toMatch(/access_token":"[A-Za-z0-9_-]{20,}/);
  await endUser.close();
});

test("Deny at the sandbox → FAILED with a readable reason", async ({ browser, request }) => {
  const link = await createLink(request, "sandbox", "user_deny");
  const page = await (await browser.newContext()).newPage();
  await authorizeAtSandbox(page, link.redirect_url, "bob", "Deny");
  await expect(page.getByRole("heading", { name: "Not connected" })).toBeVisible();
  const account = await getAccount(request, link.connected_account_id);
  expect(account.body.status).toBe("FAILED");
  expect(account.body.status_reason).toBe("The user denied access");
});

test("a callback replayed, or from another browser, is refused and changes nothing", async ({
  browser,
  request,
}) => {
  const link = await createLink(request, "sandbox", "user_replay");
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  let callbackUrl = "";
  page.on("request", (r) => {
    if (r.url().includes("/api/oauth/callback")) callbackUrl = r.url();
  });
  await authorizeAtSandbox(page, link.redirect_url, "carol");
  await expect(page.getByRole("heading", { name: "Connected" })).toBeVisible();
  expect(callbackUrl).toContain("code=");

  // Same browser, same callback again: the flow was consumed.
  const replay = await page.goto(callbackUrl);
  expect(replay?.status()).toBe(400);
  await expect(page.getByText(/already completed or is unknown/)).toBeVisible();

  // A fresh flow whose callback is opened in another browser (no binding cookie).
  const second = await createLink(request, "sandbox", "user_other_browser");
  const victim = await (await browser.newContext()).newPage();
  let secondCallback = "";
  // Stop at the consent answer and read where the sandbox would send the browser (redirect hops are not routable).
  await victim.route("**/interaction/*/consent", async (route) => {
    const consent = await route.fetch({ maxRedirects: 0 });
    // Relative to the page that answered (the sandbox's pages are served through Keyport's origin).
    const resume = new URL(consent.headers()["location"] ?? "", route.request().url()).toString();
    const auth = await victim.context().request.get(resume, { maxRedirects: 0 });
    secondCallback = auth.headers()["location"] ?? "";
    await route.fulfill({
      status: 200,
      contentType: "text/plain",
      body: "stopped before the callback",
    });
  });
  await authorizeAtSandbox(victim, second.redirect_url, "dave");
  await expect.poll(() => secondCallback).toContain("code=");
  const attacker = await (await browser.newContext()).newPage();
  const res = await attacker.goto(secondCallback);
  expect(res?.status()).toBe(400);
  await expect(attacker.getByText(/started in another browser/)).toBeVisible();
  expect((await getAccount(request, second.connected_account_id)).body.status).toBe("INITIATED");
  await ctx.close();
});

test("sandbox_key through the form: a wrong key shows an error and stores nothing; the right key connects", async ({
  browser,
  request,
}) => {
  const link = await createLink(request, "sandbox_key", "user_key");
  const page = await (await browser.newContext()).newPage();
  await page.goto(link.redirect_url);
  await page.getByLabel(/API key/i).fill("sbx_wrong_key");
  await page.getByRole("button", { name: /Connect/ }).click();
  await expect(page.getByTestId("form-error")).toContainText(/refused the credential/);
  expect((await getAccount(request, link.connected_account_id)).body.status).toBe("INITIATED");

  await page.getByLabel(/API key/i).fill("sbx_demo_key");
  await page.getByRole("button", { name: /Connect/ }).click();
  await expect(page.getByRole("heading", { name: "Connected" })).toBeVisible();
  const account = await getAccount(request, link.connected_account_id);
  expect(account.body.status).toBe("ACTIVE");
  expect(JSON.stringify(account.body)).not.toContain("sbx_demo_key");
});

test("deleting a connection revokes its grant at the sandbox", async ({ browser, request }) => {
  const link = await createLink(request, "sandbox", "user_delete");
  const page = await (await browser.newContext()).newPage();
  await authorizeAtSandbox(page, link.redirect_url, "erin");
  await expect(page.getByRole("heading", { name: "Connected" })).toBeVisible();
  const del = await request.delete(`/api/v3.1/connected_accounts/${link.connected_account_id}`, {
    headers: keyHeaders(),
  });
  expect(del.status()).toBe(200);
  expect(((await del.json()) as { revoked: boolean }).revoked).toBe(true);
  expect((await getAccount(request, link.connected_account_id)).status).toBe(404);
});
