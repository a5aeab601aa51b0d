// Connect links in Chromium (issue 11 items 1 and 2): a page on another origin that auto-submits
// a link it holds never reaches the provider, and a flow parked at the provider before the link
// was used cannot complete afterwards.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN } from "../support/e2e-env";
import { signIn } from "../support/e2e/dashboard";
import {
  authorizeAtSandbox,
  createLink,
  getAccount,
  keyHeaders,
  SANDBOX_ORIGIN,
  SANDBOX_PAGES,
} from "../support/e2e/api";

/** A tiny attacker site on 127.0.0.1 (another site than Keyport's localhost) serving one page. */
async function attackerSite(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every URL the page requested at the sandbox (redirect hops included). */
function sandboxHits(page: Page): string[] {
  const hits: string[] = [];
  page.on("request", (r) => {
    const url = r.url();
    if (url.startsWith(SANDBOX_ORIGIN) || url.startsWith(`${SANDBOX_PAGES}/`)) hits.push(url);
  });
  return hits;
}

test("an attacker page on another origin auto-submits a connect link: 403 page, the provider is never reached", async ({
  browser,
  request,
}) => {
  // The attacker holds a link for their own entity and reads a CSRF token from its page (in
  // their own browser), then plants both in an auto-submitting form.
  const link = await createLink(request, "sandbox", "attacker_entity");
  const attackerBrowser = await browser.newContext();
  const own = await attackerBrowser.newPage();
  await own.goto(link.redirect_url);
  const csrf = await own.locator('input[name="csrf"]').inputValue();
  expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await attackerBrowser.close();

  const site = await attackerSite(
    `<!doctype html><html><body><form method="post" action="${link.redirect_url}/start">` +
      `<input type="hidden" name="csrf" value="${csrf}"></form>` +
      `<script>document.forms[0].submit()</script></body></html>`,
  );
  try {
    // The victim is signed in at the provider and approved the app before.
    const victimContext = await browser.newContext();
    const victim = await victimContext.newPage();
    const victimLink = await createLink(request, "sandbox", "victim_entity");
    await authorizeAtSandbox(victim, victimLink.redirect_url, "victim");
    await expect(victim.getByRole("heading", { name: "Connected" })).toBeVisible();

    const hits = sandboxHits(victim);
    const started = victim.waitForResponse(
      (r) => r.url() === `${link.redirect_url}/start` && r.request().method() === "POST",
    );
    await victim.goto(site.url);
    const start = await started;
    expect(start.status()).toBe(403);
    expect(await start.headerValue("set-cookie")).toBeNull();
    await expect(victim.getByRole("heading", { name: "Cannot continue" })).toBeVisible();
    await expect(victim.getByText(/submitted from another site/)).toBeVisible();
    expect(new URL(victim.url()).pathname).toBe(new URL(`${link.redirect_url}/start`).pathname);
    expect(hits).toEqual([]);

    const account = await getAccount(request, link.connected_account_id);
    expect(account.body.status).toBe("INITIATED");
    expect(account.body.upstream_identity ?? null).toBeNull();
    await victimContext.close();
  } finally {
    await site.close();
  }
});

test("a flow parked at the provider before the link was used cannot complete after the end user connected", async ({
  browser,
  request,
}) => {
  const link = await createLink(request, "sandbox", "user_parked");

  // Mallory opens the same link, signs in at the sandbox and stops just before the callback.
  const malloryContext = await browser.newContext();
  const mallory = await malloryContext.newPage();
  let parkedCallback = "";
  await mallory.route("**/interaction/*/consent", async (route) => {
    const consent = await route.fetch({ maxRedirects: 0 });
    // Relative to the page that answered (the sandbox's pages are served through Keyport's origin).
    const resume = new URL(consent.headers()["location"] ?? "", route.request().url()).toString();
    const auth = await malloryContext.request.get(resume, { maxRedirects: 0 });
    parkedCallback = auth.headers()["location"] ?? "";
    await route.fulfill({ status: 200, contentType: "text/plain", body: "parked" });
  });
  await authorizeAtSandbox(mallory, link.redirect_url, "mallory");
  await expect.poll(() => parkedCallback).toContain("code=");

  // The real end user connects through the link.
  const aliceContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  await authorizeAtSandbox(alice, link.redirect_url, "alice");
  await expect(alice.getByRole("heading", { name: "Connected" })).toBeVisible();
  expect((await getAccount(request, link.connected_account_id)).body.upstream_identity?.login).toBe(
    "alice",
  );

  // Mallory's parked callback, in her own browser (her binding cookie): refused.
  await mallory.unroute("**/interaction/*/consent");
  const res = await mallory.goto(parkedCallback);
  expect(res?.status()).toBe(400);
  await expect(mallory.getByRole("heading", { name: "Connection refused" })).toBeVisible();
  const account = await getAccount(request, link.connected_account_id);
  expect(account.body.status).toBe("ACTIVE");
  expect(account.body.upstream_identity?.login).toBe("alice");

  // The used link itself no longer opens.
  await mallory.goto(link.redirect_url);
  await expect(mallory.getByText(/already used/)).toBeVisible();
  await malloryContext.close();
  await aliceContext.close();
});

test("the credential form refuses a submission without the page's CSRF token", async ({
  browser,
  request,
}) => {
  const link = await createLink(request, "sandbox_key", "user_key_csrf");
  const page = await (await browser.newContext()).newPage();
  await page.goto(link.redirect_url);
  await page.getByLabel(/API key/i).fill("sbx_demo_key");
  await page.locator('input[name="csrf"]').evaluate((el) => el.setAttribute("value", "forged"));
  await page.getByRole("button", { name: /Connect/ }).click();
  await expect(page.getByTestId("form-error")).toContainText(/connect page in this browser/);
  expect((await getAccount(request, link.connected_account_id)).body.status).toBe("INITIATED");
});

test("a reconnect shows the account connected now, makes the provider ask again (prompt=consent), and an account change is shown on the connection page", async ({
  browser,
  request,
}) => {
  const link = await createLink(request, "sandbox", "user_switch");
  const endUser = await (await browser.newContext()).newPage();
  await authorizeAtSandbox(endUser, link.redirect_url, "alice");
  await expect(endUser.getByRole("heading", { name: "Connected" })).toBeVisible();
  const reconnectLink = async () => {
    const res = await request.post(
      `/api/v1/connectedAccounts/${link.connected_account_id}/reinitiate`,
      { headers: keyHeaders(), data: {} },
    );
    expect(res.status()).toBe(200);
    return ((await res.json()) as { redirectUrl: string }).redirectUrl;
  };

  // Same browser, still signed in at the provider and the app approved: the provider asks again
  // instead of sending the browser straight back.
  const authorizeUrls: string[] = [];
  endUser.on("request", (r) => {
    if (r.url().startsWith(`${SANDBOX_PAGES}/auth?`)) authorizeUrls.push(r.url());
  });
  await endUser.goto(await reconnectLink());
  await expect(endUser.getByTestId("current-account")).toContainText("Connected now as alice");
  await endUser.getByRole("button", { name: /Continue to Sandbox/ }).click();
  await expect(endUser.getByRole("button", { name: "Allow" })).toBeVisible();
  await expect(endUser.getByText(/Signed in as/)).toContainText("alice");
  expect(authorizeUrls).toHaveLength(1);
  expect(new URL(authorizeUrls[0]!).searchParams.get("prompt")).toBe("consent");

  // Another account connects through a newer link.
  const other = await (await browser.newContext()).newPage();
  await authorizeAtSandbox(other, await reconnectLink(), "mallory");
  await expect(other.getByRole("heading", { name: "Connected" })).toBeVisible();
  expect((await getAccount(request, link.connected_account_id)).body.upstream_identity?.login).toBe(
    "mallory",
  );

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  await admin.goto(`/connections/${link.connected_account_id}`);
  const timeline = admin.getByRole("list", { name: "Connection events" });
  await expect(timeline.getByText("Account changed", { exact: true })).toBeVisible();
  await expect(timeline.getByText("Account changed: alice → mallory")).toBeVisible();
});
