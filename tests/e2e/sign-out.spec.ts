// Issue 11 item 7: sign-out ends the session on the server, so a copied session cookie is refused
// afterwards — by pages, by app/api/dashboard routes and by server actions — while the operator's
// other browsers stay signed in.
import { expect, test, type BrowserContext, type Cookie } from "@playwright/test";
import { ADMIN, BASE_URL } from "../support/e2e-env";
import { captureCreateKeyAction, signIn, unique } from "../support/e2e/dashboard";
import { actionHeaders } from "../support/e2e/security";

const SESSION_COOKIE = "authjs.session-token";

async function sessionCookie(context: BrowserContext): Promise<Cookie> {
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie?.value, "signed in: the session cookie is set").toMatch(/.{20,}/);
  return cookie!;
}

test("sign-out – a copied session cookie is refused afterwards; the operator's other browser stays signed in", async ({
  browser,
}) => {
  const original = await browser.newContext({ baseURL: BASE_URL });
  const page = await original.newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
  const copied = await sessionCookie(original);
  const keyName = unique("signout-before");
  const { actionId, body } = await captureCreateKeyAction(page, keyName);

  // Another browser of the same operator, signed in on its own.
  const other = await browser.newContext({ baseURL: BASE_URL });
  const otherPage = await other.newPage();
  await signIn(otherPage, ADMIN.email, ADMIN.password);

  // The copy works while the session lives: pages, the dashboard API and server actions.
  const thief = await browser.newContext({ baseURL: BASE_URL });
  await thief.addCookies([copied]);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/settings/api-keys");
  await expect(thiefPage).toHaveURL(`${BASE_URL}/settings/api-keys`);
  await expect(thiefPage.getByRole("row", { name: new RegExp(keyName) })).toBeVisible();
  const search = await thief.request.get("/api/dashboard/search?q=a");
  expect(search.status()).toBe(200);
  const replay = (name: string) =>
    thief.request.post("/settings/api-keys", {
      headers: actionHeaders(actionId, BASE_URL),
      data: body.replace(keyName, name),
      maxRedirects: 0,
    });
  const createdBefore = unique("signout-replay-before");
  expect(await (await replay(createdBefore)).text()).toContain("kp_live_");

  // Sign out through the UI.
  await page.getByRole("button", { name: /^Admin/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${BASE_URL}/sign-in`);

  // The same cookie value, replayed: every door is closed.
  await thiefPage.goto("/settings/api-keys");
  await expect(thiefPage).toHaveURL(`${BASE_URL}/sign-in`);
  await expect(thiefPage.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await thiefPage.goto("/");
  await expect(thiefPage).toHaveURL(`${BASE_URL}/sign-in`);
  const refusedSearch = await thief.request.get("/api/dashboard/search?q=a");
  expect(refusedSearch.status()).toBe(401);
  expect(await refusedSearch.text()).toContain("Sign in first");
  const refusedStatus = await thief.request.get("/api/dashboard/connections/ca_anything");
  expect(refusedStatus.status()).toBe(401);
  const createdAfter = unique("signout-replay-after");
  const refusedAction = await (await replay(createdAfter)).text();
  expect(refusedAction).toContain("Sign in first");
  expect(refusedAction).not.toContain("kp_live_");
  expect((await thief.cookies()).find((c) => c.name === SESSION_COOKIE)?.value).toBe(copied.value);

  // The operator's other browser is still signed in and sees what the copy did before, not after.
  await otherPage.goto("/settings/api-keys");
  await expect(otherPage).toHaveURL(`${BASE_URL}/settings/api-keys`);
  await expect(otherPage.getByRole("row", { name: new RegExp(createdBefore) })).toHaveCount(1);
  await expect(otherPage.getByText(createdAfter)).toHaveCount(0);

  await Promise.all([original.close(), other.close(), thief.close()]);
});
