// Operator roles are enforced on the server (SECURITY.md 25, 27): hidden buttons are not the gate.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, BASE_URL } from "../support/e2e-env";
import {
  addActiveOperator,
  addOperator,
  captureCreateKeyAction,
  screenshot,
  signIn,
  unique,
} from "../support/e2e/dashboard";

test.describe.configure({ mode: "serial" });

const viewer = { email: `${unique("viewer")}@example.com`, name: "Vera Viewer", password: "" };
const support = { email: `${unique("support")}@example.com`, name: "Sam Support", password: "" };

async function signedIn(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who.email, who.password);
  return page;
}

test.beforeAll(async ({ browser }) => {
  const admin = await signedIn(browser, ADMIN);
  viewer.password = await addActiveOperator(admin, { ...viewer, role: "viewer" });
  support.password = await addActiveOperator(admin, { ...support, role: "support" });
  await expect(admin.getByRole("row", { name: new RegExp(viewer.email) })).toContainText("viewer");
  await expect(admin.getByRole("row", { name: new RegExp(support.email) })).toContainText(
    "support",
  );
  await admin.context().close();
});

test("viewer – the API keys page has no Create button and says the admin role is needed", async ({
  browser,
}) => {
  const page = await signedIn(browser, viewer);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "API keys" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Operators" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);

  await page.goto("/settings/api-keys");
  await expect(page.getByText("You need the admin role to see and manage API keys.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
  await expect(page.getByRole("table")).toHaveCount(0);
  expect(await page.content()).not.toContain("kp_live_");
  await screenshot(page, "api-keys-viewer");

  await page.goto("/settings");
  await expect(page.getByText("You need the admin role to change them.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);
  await expect(page.getByLabel("Project name")).toBeDisabled();
  await page.context().close();
});

test("viewer – calling createApiKeyAction directly is refused and creates no key", async ({
  browser,
  playwright,
}) => {
  // Capture the real action call (id + encoded arguments) while the admin creates a key.
  const admin = await signedIn(browser, ADMIN);
  const adminKeyName = unique("roles-admin-key");
  const { actionId, body: original } = await captureCreateKeyAction(admin, adminKeyName);

  const forcedName = unique("forced-by-viewer");
  const forge = (page: Page | null, name: string) => {
    const headers = {
      "next-action": actionId,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: BASE_URL,
    };
    const data = original.replace(adminKeyName, name);
    return page
      ? page.request.post("/settings/api-keys", { headers, data })
      : playwright.request.newContext({ baseURL: BASE_URL }).then((r) =>
          r.post("/settings/api-keys", {
            headers: { ...headers, cookie: "authjs.session-token=forged" },
            data,
            maxRedirects: 0,
          }),
        );
  };

  const viewerPage = await signedIn(browser, viewer);
  const asViewer = await forge(viewerPage, forcedName);
  const viewerBody = await asViewer.text();
  expect(viewerBody).not.toContain("kp_live_");
  expect(viewerBody).toContain("Your role does not allow this");

  const anonymousName = unique("forced-anonymously");
  const asNobody = await forge(null, anonymousName);
  const nobodyBody = await asNobody.text();
  expect(nobodyBody).not.toContain("kp_live_");
  expect(nobodyBody).toContain("Sign in first");

  await admin.reload();
  await expect(admin.getByRole("row", { name: new RegExp(adminKeyName) })).toHaveCount(1);
  await expect(admin.getByText(forcedName)).toHaveCount(0);
  await expect(admin.getByText(anonymousName)).toHaveCount(0);
  await admin.context().close();
  await viewerPage.context().close();
});

test("support – cannot open the operators page, the audit log or the API keys", async ({
  browser,
}) => {
  const page = await signedIn(browser, support);
  await page.goto("/settings/operators");
  await expect(
    page.getByText("You need the admin role to see and manage operators."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Add operator" })).toHaveCount(0);
  await expect(page.getByText(ADMIN.email)).toHaveCount(0);
  await screenshot(page, "operators-support");

  await page.goto("/settings/audit");
  await expect(page.getByText("You need the admin role to read the audit log.")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);

  await page.goto("/settings/api-keys");
  await expect(page.getByText("You need the admin role to see and manage API keys.")).toBeVisible();

  await page.goto("/settings/projects/new");
  await expect(page.getByText("You need the admin role to create projects.")).toBeVisible();
  await page.context().close();
});

test("admin – the last admin can be neither demoted nor removed", async ({ browser }) => {
  const admin = await signedIn(browser, ADMIN);
  await admin.goto("/settings/operators");
  const row = admin.getByRole("row", { name: new RegExp(ADMIN.email) });
  await row.getByLabel(`Role for ${ADMIN.email}`).selectOption("viewer");
  await row.getByRole("button", { name: `Change role of ${ADMIN.email}` }).click();
  await expect(row.getByText("A project needs at least one admin")).toBeVisible();

  await row.getByRole("button", { name: `Remove ${ADMIN.email}` }).click();
  const dialog = admin.getByRole("dialog", { name: `Remove ${ADMIN.email} from this project?` });
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(dialog.getByText("A project needs at least one admin")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await admin.reload();
  await expect(admin.getByRole("row", { name: new RegExp(ADMIN.email) })).toContainText("admin");
  await admin.context().close();
});

test("admin – changes a member's role and removes a member", async ({ browser }) => {
  const admin = await signedIn(browser, ADMIN);
  const email = `${unique("temp")}@example.com`;
  const password = await addOperator(admin, { email, name: "Temp Person", role: "viewer" });
  const row = admin.getByRole("row", { name: new RegExp(email) });
  await row.getByLabel(`Role for ${email}`).selectOption("support");
  await row.getByRole("button", { name: `Change role of ${email}` }).click();
  await expect(row.getByText("support", { exact: true }).first()).toBeVisible();
  await expect(row.getByRole("button", { name: `Change role of ${email}` })).toBeDisabled();

  await row.getByRole("button", { name: `Remove ${email}` }).click();
  await admin
    .getByRole("dialog", { name: `Remove ${email} from this project?` })
    .getByRole("button", { name: "Remove" })
    .click();
  await expect(admin.getByRole("row", { name: new RegExp(email) })).toHaveCount(0);

  // Removed from their only project, they can no longer reach the dashboard.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${BASE_URL}/sign-in`);
  await expect(page.getByText(`${email} is not a member of any project.`)).toBeVisible();
  await page.goto("/settings");
  await expect(page).toHaveURL(`${BASE_URL}/sign-in`);
  await context.close();
  await admin.context().close();
});
