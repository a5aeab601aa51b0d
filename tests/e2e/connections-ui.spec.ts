// The dashboard's connection pages end to end: create a connection, watch it go live while the
// end user connects, operate it, delete it; roles enforced on the server; apps and integrations.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, BASE_URL } from "../support/e2e-env";
import { addActiveOperator, screenshot as save, signIn, unique } from "../support/e2e/dashboard";
import { authorizeAtSandbox, getAccount } from "../support/e2e/api";

test.describe.configure({ mode: "serial" });

const ENTITY = "user_7a9f3b_db_id";
/** Shared between the serial tests: the connections made, and a captured server-action call. */
const state = {
  oauthId: "",
  keyId: "",
  disableCall: null as null | { actionId: string; contentType: string; body: string },
};

async function signedIn(browser: Browser, who: { email: string; password: string }) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who.email, who.password);
  return page;
}

/** Create a connection with the "New connection" form on /connections; returns its id and link. */
async function newConnection(page: Page, entity: string, integration: string) {
  await page.goto("/connections");
  const form = page.locator("form", {
    has: page.getByRole("button", { name: "Create connection" }),
  });
  await form.getByLabel("Entity id", { exact: true }).fill(entity);
  await form.getByLabel("Integration", { exact: true }).selectOption({ label: integration });
  await form.getByRole("button", { name: "Create connection" }).click();
  const link = (await page.getByTestId("connect-link").textContent()) ?? "";
  expect(link).toMatch(new RegExp(`^${BASE_URL}/link/[A-Za-z0-9_-]{40,}$`));
  const open = page.getByRole("link", { name: /^Open connection ca_/ });
  const id = /ca_[A-Za-z0-9]+/.exec((await open.textContent()) ?? "")?.[0] ?? "";
  expect(id).not.toBe("");
  return { id, link, open };
}

/** A full-page screenshot from the top (a reload keeps the scroll, which shifts sticky bars). */
async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await save(page, name);
}

/** Marks the window so a full reload (which would clear the mark) can be detected. */
const markWindow = (page: Page) =>
  page.evaluate(() => Object.assign(window, { __keyportNoReload: true }));
const stillSameWindow = (page: Page) =>
  page.evaluate(() => (window as { __keyportNoReload?: boolean }).__keyportNoReload === true);

test("admin creates a sandbox connection; the page turns Active without a reload when the end user connects", async ({
  browser,
}) => {
  const admin = await signedIn(browser, ADMIN);
  const { id, link, open } = await newConnection(admin, ENTITY, "Sandbox (OAuth 2.0)");
  state.oauthId = id;
  await screenshot(admin, "connections-new-link");
  await open.click();
  await expect(admin).toHaveURL(`${BASE_URL}/connections/${id}`);
  await expect(admin.getByTestId("connection-status")).toHaveText("Initiated");
  await screenshot(admin, "connection-initiated");
  await markWindow(admin);

  const endUser = await browser.newContext();
  const page = await endUser.newPage();
  await authorizeAtSandbox(page, link, "frank");
  await expect(page.getByRole("heading", { name: "Connected" })).toBeVisible();

  await expect(admin.getByTestId("connection-status")).toHaveText("Active", { timeout: 15_000 });
  await expect(admin.getByTestId("upstream-identity")).toContainText("frank");
  expect(await stillSameWindow(admin)).toBe(true);
  await screenshot(admin, "connection-active");
  await endUser.close();
  await admin.context().close();
});

test("sandbox_key through the connect page: a wrong key leaves it Initiated, the right key makes it Active", async ({
  browser,
  request,
}) => {
  const admin = await signedIn(browser, ADMIN);
  const { id, link, open } = await newConnection(admin, ENTITY, "Sandbox (API key)");
  state.keyId = id;
  await open.click();
  await expect(admin.getByTestId("connection-status")).toHaveText("Initiated");
  await markWindow(admin);

  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByLabel(/API key/i).fill("sbx_wrong");
  await page.getByRole("button", { name: /Connect/ }).click();
  await expect(page.getByTestId("form-error")).toBeVisible();
  await expect(page.getByTestId("form-error")).not.toBeEmpty();
  await screenshot(page, "link-credentials-error");
  expect((await getAccount(request, id)).body.status).toBe("INITIATED");
  await expect(admin.getByTestId("connection-status")).toHaveText("Initiated");

  await page.getByLabel(/API key/i).fill("sbx_demo_key");
  await page.getByRole("button", { name: /Connect/ }).click();
  await expect(page.getByRole("heading", { name: "Connected" })).toBeVisible();
  await expect(admin.getByTestId("connection-status")).toHaveText("Active", { timeout: 15_000 });
  expect(await stillSameWindow(admin)).toBe(true);
  await expect(admin.getByText("api_key", { exact: true })).toBeVisible();
  expect(await admin.content()).not.toContain("sbx_demo_key");
  await screenshot(admin, "connection-api-key-active");
  await page.context().close();
  await admin.context().close();
});

test("admin disables, enables, issues a reconnect link and deletes a connection (revoked upstream)", async ({
  browser,
}) => {
  const admin = await signedIn(browser, ADMIN);
  await admin.goto(`/connections/${state.oauthId}`);
  await expect(admin.getByTestId("connection-status")).toHaveText("Active");

  const [call] = await Promise.all([
    admin.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    admin.getByRole("button", { name: "Disable" }).click(),
  ]);
  state.disableCall = {
    actionId: call.headers()["next-action"]!,
    contentType: call.headers()["content-type"] ?? "text/plain;charset=UTF-8",
    body: call.postData() ?? "",
  };
  expect(state.disableCall.body).toContain(state.oauthId);
  await expect(admin.getByTestId("connection-status")).toHaveText("Inactive");
  await expect(admin.getByTestId("status-reason")).toContainText(`Disabled by ${ADMIN.email}`);
  await screenshot(admin, "connection-inactive");

  await admin.getByRole("button", { name: "Enable" }).click();
  await expect(admin.getByTestId("connection-status")).toHaveText("Active");

  await admin.getByRole("button", { name: "Copy reconnect link" }).click();
  await expect(admin.getByTestId("connect-link")).toHaveText(
    new RegExp(`^${BASE_URL}/link/[A-Za-z0-9_-]{40,}$`),
  );
  await expect(admin.getByRole("list", { name: "Connection events" })).toContainText(
    "Link created",
  );
  await screenshot(admin, "connection-reconnect-link");

  await admin.getByRole("button", { name: `Delete connection ${state.oauthId}` }).click();
  const dialog = admin.getByRole("dialog", { name: `Delete connection ${state.oauthId}?` });
  await dialog.getByRole("button", { name: "Delete connection" }).click();
  await expect(admin.getByTestId("revoke-result")).toHaveText("Revoked at the provider.");
  await screenshot(admin, "connection-deleted");

  await admin.goto("/connections");
  await expect(admin.getByRole("link", { name: state.keyId })).toBeVisible();
  await expect(admin.getByRole("link", { name: state.oauthId })).toHaveCount(0);
  await screenshot(admin, "connections-list");
  expect((await admin.goto(`/connections/${state.oauthId}`))?.status()).toBe(404);
  await admin.context().close();
});

test("viewer – sees the connection without operate buttons; a forced disable is refused", async ({
  browser,
  playwright,
  request,
}) => {
  const admin = await signedIn(browser, ADMIN);
  const viewer = { email: `${unique("conn-viewer")}@example.com`, password: "" };
  viewer.password = await addActiveOperator(admin, {
    ...viewer,
    name: "Vic Viewer",
    role: "viewer",
  });
  await admin.context().close();

  const page = await signedIn(browser, viewer);
  await page.goto(`/connections/${state.keyId}`);
  await expect(page.getByTestId("connection-status")).toHaveText("Active");
  for (const name of ["Disable", "Enable", "Copy reconnect link", /^Delete/]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }
  await screenshot(page, "connection-viewer");
  await page.goto("/connections");
  await expect(page.getByRole("button", { name: "Create connection" })).toHaveCount(0);

  // Replay the admin's real "disable" call, aimed at the API-key connection, as the viewer.
  const call = state.disableCall!;
  const forced = await page.request.post(`/connections/${state.keyId}`, {
    headers: {
      "next-action": call.actionId,
      "content-type": call.contentType,
      accept: "text/x-component",
      origin: BASE_URL,
    },
    data: call.body.replace(state.oauthId, state.keyId),
  });
  expect(await forced.text()).toContain("Your role does not allow this");
  const account = await getAccount(request, state.keyId);
  expect(account.body.status).toBe("ACTIVE");
  await page.goto(`/connections/${state.keyId}`);
  await expect(page.getByTestId("connection-status")).toHaveText("Active");

  // The live-status route reads with the operator session only.
  expect((await page.request.get(`/api/dashboard/connections/${state.keyId}`)).status()).toBe(200);
  const anonymous = await playwright.request.newContext({ baseURL: BASE_URL });
  const res = await anonymous.get(`/api/dashboard/connections/${state.keyId}`);
  expect(res.status()).toBe(401);
  expect(await res.text()).not.toContain(state.keyId);
  await anonymous.dispose();
  await page.context().close();
});

test("entities – prefix search, the entity's connections, and a new connection from its page", async ({
  browser,
}) => {
  const admin = await signedIn(browser, ADMIN);
  await admin.goto("/entities");
  await admin.getByLabel("Entity id starts with").fill("user_7a9f");
  await admin.getByRole("button", { name: "Search" }).click();
  await expect(admin).toHaveURL(/\/entities\?q=user_7a9f/);
  const row = admin.getByRole("row", { name: new RegExp(ENTITY) });
  await expect(row).toBeVisible();
  await screenshot(admin, "entities");

  await row.getByRole("link", { name: ENTITY }).click();
  await expect(admin.getByRole("heading", { level: 1, name: ENTITY })).toBeVisible();
  await expect(admin.getByRole("link", { name: state.keyId })).toBeVisible();
  await admin
    .getByLabel("Integration", { exact: true })
    .selectOption({ label: "Sandbox (OAuth 2.0)" });
  await admin.getByRole("button", { name: "Create connection" }).click();
  await expect(admin.getByTestId("connect-link")).toHaveText(new RegExp(`^${BASE_URL}/link/`));
  await screenshot(admin, "entity");
  await admin.context().close();
});

test("apps search finds GitHub and GitLab; a GitHub integration shows 'Secret: set' and never its secret", async ({
  browser,
}) => {
  const admin = await signedIn(browser, ADMIN);
  await admin.goto("/apps");
  await admin.getByLabel("Search apps").fill("git");
  await admin.getByRole("button", { name: "Search" }).click();
  await expect(admin).toHaveURL(/\/apps\?q=git/);
  const apps = admin.getByRole("list", { name: "Apps" });
  await expect(apps.getByRole("heading", { name: "GitHub", exact: true })).toBeVisible();
  await expect(apps.getByRole("heading", { name: "GitLab", exact: true })).toBeVisible();
  await expect(apps.getByRole("heading", { name: "Slack", exact: true })).toHaveCount(0);
  await screenshot(admin, "apps-search");

  await admin.getByRole("link", { name: "Set up GitHub" }).click();
  await expect(admin).toHaveURL(`${BASE_URL}/integrations/new?app=github`);
  await expect(admin.getByText(`${BASE_URL}/api/oauth/callback`)).toBeVisible();
  await expect(admin.getByLabel("Scopes")).toHaveValue("repo read:user user:email");
  await expect(admin.getByLabel("Authorize URL")).toBeVisible(); // GitHub Enterprise overrides
  await screenshot(admin, "integration-new");

  const name = unique("GitHub e2e");
  const secret = `ghs_${unique("secret").replace(/-/g, "")}XyZ0123456789`;
  await admin.getByLabel("Name", { exact: true }).fill(name);
  await admin.getByLabel("Client id").fill("Iv1.e2eclient0001");
  await admin.getByLabel("Client secret").fill(secret);
  await admin.getByRole("button", { name: "Create integration" }).click();
  await expect(admin).toHaveURL(/\/integrations\?created=ac_/);
  const row = admin.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Secret: set");
  await expect(row).toContainText("GitHub");
  expect(await admin.content()).not.toContain(secret);
  await screenshot(admin, "integrations");

  await row.getByRole("link", { name }).click();
  await expect(admin.getByText("Leave empty to keep the current secret.")).toBeVisible();
  await expect(admin.getByLabel("Client secret")).toHaveValue("");
  expect(await admin.content()).not.toContain(secret);
  await admin.getByLabel("Scopes").fill("read:user");
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(admin.getByText("Saved.")).toBeVisible();
  await admin.reload();
  await expect(admin.getByLabel("Scopes")).toHaveValue("read:user");
  await expect(admin.getByText("Leave empty to keep the current secret.")).toBeVisible();
  await screenshot(admin, "integration-edit");

  // Deleting an integration with connections says it deletes them too, and names how many;
  // cancelling changes nothing (other specs use this integration).
  await admin.goto("/integrations");
  await admin.getByRole("link", { name: "Sandbox (API key)" }).click();
  await expect(admin).toHaveURL(/\/integrations\/ac_\w+$/);
  const integrationPage = admin.url();
  await admin.getByRole("button", { name: "Delete integration Sandbox (API key)" }).click();
  const dialog = admin.getByRole("dialog");
  await expect(dialog.getByText(/its \d+ connections? (is|are) revoked/)).toBeVisible();
  await expect(
    dialog.getByRole("button", { name: /^Delete integration and \d+ connections?$/ }),
  ).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await admin.goto(integrationPage);
  await expect(
    admin.getByRole("button", { name: "Delete integration Sandbox (API key)" }),
  ).toBeVisible();
  await admin.context().close();
});
