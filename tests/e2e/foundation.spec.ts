// The dashboard's foundation: sign-in, API keys, own password, sign-out, projects, rate limit.
import { expect, test } from "@playwright/test";
import { ADMIN, BASE_URL } from "../support/e2e-env";
import {
  addActiveOperator,
  CONNECTED_ACCOUNTS,
  createApiKey,
  createProject,
  revokeApiKey,
  screenshot,
  signIn,
  switchProject,
  trySignIn,
  unique,
} from "../support/e2e/dashboard";

test("sign-in – the admin reaches the dashboard with its sidebar", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(`${BASE_URL}/sign-in`);
  await screenshot(page, "sign-in");
  await signIn(page, ADMIN.email, ADMIN.password);

  const nav = page.getByRole("navigation", { name: "Main" });
  for (const label of [
    "Overview",
    "Entities",
    "Connections",
    "Integrations",
    "Apps",
    "Actions",
    "Logs",
  ]) {
    await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
  }
  for (const label of ["Project", "API keys", "Operators", "Audit log"]) {
    await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
  }
  await expect(page.getByRole("main")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("current-project")).toHaveText("Default");
});

test("sign-in – a wrong password says so and signs nobody in", async ({ page }) => {
  await page.goto("/sign-in");
  await trySignIn(page, ADMIN.email, "not-the-password");
  await expect(page.getByText("Wrong email or password")).toBeVisible();
  await expect(page).toHaveURL(`${BASE_URL}/sign-in`);
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(ADMIN.email);
  await page.goto("/settings");
  await expect(page).toHaveURL(`${BASE_URL}/sign-in`);
});

test("sign-in – repeated wrong passwords for one email are rate limited", async ({ page }) => {
  const email = `${unique("locked")}@example.com`;
  await page.goto("/sign-in");
  for (let i = 0; i < 4; i++) {
    await trySignIn(page, email, `wrong-password-${i}`);
    await expect(page.getByText("Wrong email or password")).toBeVisible();
  }
  for (let i = 4; i < 6; i++) {
    await trySignIn(page, email, `wrong-password-${i}`);
    await expect(page.getByText(/Too many attempts\. Try again in \d+ seconds\./)).toBeVisible();
  }
  await screenshot(page, "sign-in-rate-limited");
});

test("API keys – a new key is shown once, works at once, and stops working when revoked", async ({
  page,
  request,
}) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  const name = unique("foundation-key");
  const key = await createApiKey(page, name);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText(
    `${key.slice(0, 12)}…`,
  );

  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  expect(await page.content()).not.toContain(key);
  await expect(page.getByText("Copy this key now.")).toHaveCount(0);
  await screenshot(page, "api-keys");

  const ok = await request.get(CONNECTED_ACCOUNTS, { headers: { "x-api-key": key } });
  expect(ok.status()).toBe(200);
  const body = (await ok.json()) as { items: unknown };
  expect(Array.isArray(body.items)).toBe(true);

  await revokeApiKey(page, name);
  const refused = await request.get(CONNECTED_ACCOUNTS, { headers: { "x-api-key": key } });
  expect(refused.status()).toBe(401);
  expect(await page.content()).not.toContain(key);
});

test("API keys – a blank name is refused with a readable message", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/settings/api-keys");
  const input = page.getByLabel("Name", { exact: true });
  // Spaces pass the browser's `required` check; the server trims and refuses.
  await input.fill("   ");
  await page.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByText("name must be 1–100 characters")).toBeVisible();
  await expect(page.getByText("Copy this key now.")).toHaveCount(0);
});

test("account – an operator changes their own password and signs in with the new one", async ({
  page,
  browser,
}) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  const email = `${unique("pw")}@example.com`;
  // Their first sign-in replaced the one-time password: this is the one they chose then.
  const oneTime = await addActiveOperator(page, {
    email,
    name: "Password Changer",
    role: "support",
  });

  const context = await browser.newContext();
  const op = await context.newPage();
  await signIn(op, email, oneTime);
  await op.getByRole("button", { name: /Password Changer/ }).click();
  await expect(op.getByText("Role in this project: support")).toBeVisible();
  await op.getByRole("link", { name: "Change password" }).click();
  await expect(op).toHaveURL(`${BASE_URL}/account`);

  const next = "a-brand-new-password-42";
  await op.getByLabel("Current password").fill("definitely-wrong");
  await op.getByLabel("New password", { exact: true }).fill(next);
  await op.getByLabel("Confirm new password").fill(next);
  await op.getByRole("button", { name: "Change password" }).click();
  await expect(op.getByText("The current password is wrong")).toBeVisible();

  await op.getByLabel("Current password").fill(oneTime);
  await op.getByLabel("New password", { exact: true }).fill(next);
  await op.getByLabel("Confirm new password").fill(next);
  await op.getByRole("button", { name: "Change password" }).click();
  await expect(op.getByText("Your password was changed.")).toBeVisible();
  await screenshot(op, "account");

  await op.getByRole("button", { name: /Password Changer/ }).click();
  await op.getByRole("button", { name: "Sign out" }).click();
  await expect(op).toHaveURL(`${BASE_URL}/sign-in`);
  await trySignIn(op, email, oneTime);
  await expect(op.getByText("Wrong email or password")).toBeVisible();
  await signIn(op, email, next);
  await context.close();
});

// Documenso-style two browsers: a password change ends the operator's other sessions.
test("account – changing the password keeps this browser signed in and signs out the operator's other browsers", async ({
  page,
  browser,
}) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  const email = `${unique("epoch")}@example.com`;
  const oneTime = await addActiveOperator(page, {
    email,
    name: "Epoch Changer",
    role: "support",
  });
  // A second project, selected in browser A, to see the selection survive the change.
  const second = unique("Epoch project");
  await createProject(page, second);
  await page.goto("/settings/operators");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Name", { exact: true }).fill("Epoch Changer");
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Add operator" }).click();
  await expect(page.getByText(`${email} already had a Keyport account`)).toBeVisible();

  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const a = await contextA.newPage();
  const b = await contextB.newPage();
  await signIn(a, email, oneTime);
  await signIn(b, email, oneTime);
  await switchProject(a, second);

  const next = "an-epoch-ending-password-7";
  await a.goto("/account");
  await a.getByLabel("Current password").fill(oneTime);
  await a.getByLabel("New password", { exact: true }).fill(next);
  await a.getByLabel("Confirm new password").fill(next);
  await a.getByRole("button", { name: "Change password" }).click();
  await expect(a.getByText("Your password was changed.")).toBeVisible();
  await expect(a).toHaveURL(`${BASE_URL}/account?password=changed`);
  await expect(a.getByLabel("Current password")).toHaveValue("");

  await a.goto("/");
  await expect(a).toHaveURL(`${BASE_URL}/`);
  await expect(a.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(a.getByTestId("current-project")).toHaveText(second);

  await b.goto("/");
  await expect(b).toHaveURL(`${BASE_URL}/sign-in`);
  await expect(
    b.getByText("Your password was changed, which signed out this browser."),
  ).toBeVisible();
  await trySignIn(b, email, oneTime);
  await expect(b.getByText("Wrong email or password")).toBeVisible();
  await signIn(b, email, next);
  await contextA.close();
  await contextB.close();
});

test("sign-out – returns to the sign-in page and the dashboard is closed afterwards", async ({
  page,
}) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("button", { name: /^Admin/ }).click();
  await expect(page.getByText(ADMIN.email)).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${BASE_URL}/sign-in`);
  await page.goto("/settings/api-keys");
  await expect(page).toHaveURL(`${BASE_URL}/sign-in`);
});

test("projects – an admin creates a project and switches between projects", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/settings/projects/new");
  await screenshot(page, "project-new");
  const name = unique("Project");
  await createProject(page, name);
  await expect(page.getByLabel("Project name")).toHaveValue(name);

  await switchProject(page, "Default");
  await expect(page.getByLabel("Project name")).toHaveValue("Default");
  await page.reload();
  await expect(page.getByTestId("current-project")).toHaveText("Default");

  await switchProject(page, name);
  await page.goto("/settings/api-keys");
  await expect(page.getByTestId("current-project")).toHaveText(name);
  // The new project starts without keys: the Default project's bootstrap key is not listed.
  await expect(page.getByText("No API keys yet")).toBeVisible();
  // …and without connections: its overview is the getting-started page.
  await page.goto("/");
  await expect(page.getByText("Nothing to show yet: connect an app")).toBeVisible();
  await screenshot(page, "overview-empty");
});

test("settings – return origins are validated and saved, and the change is audited", async ({
  page,
}) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await createProject(page, unique("Settings"));
  const origins = page.getByLabel("Allowed return origins");
  const save = page.getByRole("button", { name: "Save settings" });

  for (const [bad, why] of [
    ["http://app.example.com", "must use https \\(http is allowed only for localhost"],
    ["https://app.example.com/callback", "must be an origin only, without a path"],
    ["https://user:pw@app.example.com", "must not contain a user name or password"],
  ] as const) {
    await origins.fill(`https://ok.example.com\n${bad}`);
    await save.click();
    await expect(
      page.getByText(new RegExp(`line 2: "${bad.replace(/[.?/]/g, "\\$&")}" ${why}`)),
    ).toBeVisible();
  }
  await page.getByLabel("Accent colour").fill("blue");
  await origins.fill("https://ok.example.com");
  await save.click();
  await expect(page.getByText("Accent colour must look like #2f6fed")).toBeVisible();

  await origins.fill("https://app.example.com/\nhttp://localhost:5173\nhttps://app.example.com");
  await page.getByLabel("Display name").fill("Acme");
  await page.getByLabel("Logo URL").fill("https://cdn.example.com/logo.png");
  await page.getByLabel("Accent colour").fill("#2F6FED");
  await save.click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await page.reload();
  await expect(origins).toHaveValue("https://app.example.com\nhttp://localhost:5173");
  await expect(page.getByLabel("Accent colour")).toHaveValue("#2f6fed");
  await screenshot(page, "settings");

  await page.goto("/settings/audit?verb=project.update");
  await expect(page.getByRole("row", { name: /project\.update/ })).toHaveCount(1);
  await expect(page.getByRole("row", { name: /project\.update/ })).toContainText(ADMIN.email);
  await page.goto("/settings/audit");
  await expect(page.getByRole("row", { name: /project\.create/ })).toBeVisible();
  await screenshot(page, "audit-log");
});

// Their content is tested in logs-playground.spec.ts; here: every sidebar page renders, no error.
test("the shell's pages – actions, logs and operators render for an admin", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/actions");
  await expect(page.getByRole("heading", { level: 1, name: "Actions" })).toBeVisible();
  await page.goto("/logs");
  await expect(page.getByRole("heading", { level: 1, name: "Logs" })).toBeVisible();
  await page.goto("/settings/operators");
  await expect(page.getByRole("row", { name: new RegExp(ADMIN.email) })).toContainText("admin");
  await screenshot(page, "operators");
});
