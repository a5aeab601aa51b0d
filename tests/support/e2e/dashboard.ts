// Shared steps for the dashboard specs: sign in, create keys and operators through the UI.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import type { Role } from "@/db/schema";
import { BASE_URL } from "../e2e-env";

export const CONNECTED_ACCOUNTS = `${BASE_URL}/api/v3.1/connected_accounts`;

/** A name no other test (or earlier run on a reused server) has used. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Sign in through the form and wait for the dashboard. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The overview of whichever Keyport the page's context points at (a spec may start a second one).
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

/** Submit the sign-in form and wait for the server's answer (no navigation expected). */
export async function trySignIn(page: Page, email: string, password: string): Promise<void> {
  const passwordField = page.getByLabel("Password", { exact: true });
  await page.getByLabel("Email", { exact: true }).fill(email);
  await passwordField.fill(password);
  const answered = page.waitForResponse(
    (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/sign-in",
  );
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
  // React resets the form once the action settles; wait for it before typing again.
  await expect(passwordField).toHaveValue("");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
}

/** Create an API key on the current project's API keys page; returns the full key (shown once). */
export async function createApiKey(page: Page, name: string): Promise<string> {
  await page.goto("/settings/api-keys");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create API key" }).click();
  await expect(
    page.getByText("Copy this key now. You won't be able to see it again."),
  ).toBeVisible();
  const key = await page.getByLabel(`New API key "${name}"`).inputValue();
  expect(key).toMatch(/^kp_live_[A-Za-z0-9_-]{22,}$/);
  return key;
}

/**
 * Create an API key while recording the server-action call the page makes: its id and its
 * encoded arguments (which contain `name`), for tests that replay or forge that call.
 */
export async function captureCreateKeyAction(
  page: Page,
  name: string,
): Promise<{ actionId: string; body: string }> {
  await page.goto("/settings/api-keys");
  await page.getByLabel("Name", { exact: true }).fill(name);
  const [call] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    page.getByRole("button", { name: "Create API key" }).click(),
  ]);
  await expect(page.getByText("Copy this key now.")).toBeVisible();
  const body = call.postData() ?? "";
  expect(body).toContain(name);
  return { actionId: call.headers()["next-action"]!, body };
}

/** Revoke a key by name on the current project's API keys page (with the confirm step). */
export async function revokeApiKey(page: Page, name: string): Promise<void> {
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: `Revoke API key ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke the API key "${name}"?` });
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Revoked");
}

/** Add an operator to the current project; returns the one-time password shown once. */
export async function addOperator(
  page: Page,
  input: { email: string; name: string; role: Role },
): Promise<string> {
  await page.goto("/settings/operators");
  await page.getByLabel("Email", { exact: true }).fill(input.email);
  await page.getByLabel("Name", { exact: true }).fill(input.name);
  await page.getByLabel("Role", { exact: true }).selectOption(input.role);
  await page.getByRole("button", { name: "Add operator" }).click();
  const field = page.getByLabel(`One-time password for ${input.email}`);
  await expect(field).toBeVisible();
  return field.inputValue();
}

/**
 * First sign-in with a one-time password: the dashboard sends the operator to choose their own
 * password (`chosen`); waits until the dashboard opens with it.
 */
export async function signInWithOneTimePassword(
  page: Page,
  email: string,
  oneTime: string,
  chosen: string,
): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(oneTime);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${BASE_URL}/change-password`);
  await page.getByLabel("One-time password").fill(oneTime);
  await page.getByLabel("New password", { exact: true }).fill(chosen);
  await page.getByLabel("Confirm new password").fill(chosen);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(`${BASE_URL}/`);
}

/**
 * Add an operator and do their first sign-in in a browser of their own, replacing the one-time
 * password; returns the password they chose (for tests that need a working operator).
 */
export async function addActiveOperator(
  page: Page,
  input: { email: string; name: string; role: Role },
): Promise<string> {
  // Two more sign-ins (argon2id each) in a second browser: give the test or hook time for them.
  test.info().setTimeout(test.info().timeout + 60_000);
  const oneTime = await addOperator(page, input);
  const chosen = `${oneTime}-own`;
  const context = await page.context().browser()!.newContext({ baseURL: BASE_URL });
  try {
    await signInWithOneTimePassword(await context.newPage(), input.email, oneTime, chosen);
  } finally {
    await context.close();
  }
  return chosen;
}

/** Create a project (the dashboard switches to it) and wait until the switcher shows it. */
export async function createProject(page: Page, name: string): Promise<void> {
  await page.goto("/settings/projects/new");
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(`${BASE_URL}/settings`);
  await expect(page.getByTestId("current-project")).toHaveText(name);
}

/** Switch project through the switcher in the top bar. */
export async function switchProject(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: /^Project / }).click();
  await page.getByRole("button", { name: new RegExp(`^${escape(name)}`) }).click();
  await expect(page.getByTestId("current-project")).toHaveText(name);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Wait until the page has loaded and streamed sections have replaced their skeletons. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  await expect(page.getByRole("status", { name: /^Loading / })).toHaveCount(0);
}

/**
 * What overflows sideways: the page (`scrollWidth` past `clientWidth`), boxes in main that scroll
 * sideways but take no focus (`unreachable`), and text spilling out of its box (`spilling`).
 */
export function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const unreachable = [...document.querySelectorAll<HTMLElement>("main *")]
      .filter((el) => {
        const x = getComputedStyle(el).overflowX;
        return (x === "auto" || x === "scroll") && el.scrollWidth > el.clientWidth + 1;
      })
      .filter((el) => el.tabIndex < 0 && !el.querySelector("a[href], button, input, select"))
      .map((el) => el.outerHTML.slice(0, 120));
    // Text wider than its own box spills over its neighbours (clipped text, e.g. sr-only, does not).
    const spilling = [
      ...document.querySelectorAll<HTMLElement>("main :is(h1, h2, h3, p, dd, label, button)"),
    ]
      .filter((el) => getComputedStyle(el).overflowX === "visible")
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()} "${el.textContent?.trim().slice(0, 40)}"`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, unreachable, spilling };
  });
}

/** Save a full-page screenshot to test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync("test-results/screenshots", { recursive: true });
  // From the top: sticky bars would otherwise be painted mid-page in a full-page capture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}
