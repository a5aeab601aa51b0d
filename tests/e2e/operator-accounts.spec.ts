// Operator accounts (issue 13 item 5), in Chromium at phone and desktop widths: a one-time password
// opens nothing but the forced change; afterwards it is refused; the operator edits their own name
// and the header shows it; a cross-site replay of the profile action changes nothing.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, BASE_URL } from "../support/e2e-env";
import { addOperator, signIn, trySignIn, unique } from "../support/e2e/dashboard";

const menuButton = (page: Page, name: string) =>
  page.getByRole("banner").getByRole("button", { name: new RegExp(name) });

for (const width of [390, 1280]) {
  test(`at ${width} px – a one-time password must be replaced at first sign-in, then the operator edits their name`, async ({
    page,
    browser,
  }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    const email = `${unique("otp")}@example.com`;
    const oneTime = await addOperator(page, { email, name: "Otto Onetime", role: "support" });

    const context = await browser.newContext({
      baseURL: BASE_URL,
      viewport: { width, height: 844 },
    });
    const op = await context.newPage();
    await op.goto("/sign-in");
    await op.getByLabel("Email", { exact: true }).fill(email);
    await op.getByLabel("Password", { exact: true }).fill(oneTime);
    await op.getByRole("button", { name: "Sign in" }).click();
    await expect(op).toHaveURL(`${BASE_URL}/change-password`);
    await expect(op.getByRole("heading", { name: "Choose your password" })).toBeVisible();
    // Every dashboard page sends them back here; nothing of the dashboard renders.
    for (const path of ["/", "/connections", "/settings/api-keys", "/account"]) {
      await op.goto(path);
      await expect(op, path).toHaveURL(`${BASE_URL}/change-password`);
    }
    const pageWidth = await op.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(width);

    const chosen = "otto-chose-this-one-7";
    await op.getByLabel("One-time password").fill("not-the-one-time-one");
    await op.getByLabel("New password", { exact: true }).fill(chosen);
    await op.getByLabel("Confirm new password").fill(chosen);
    await op.getByRole("button", { name: "Change password" }).click();
    await expect(op.getByText("The current password is wrong")).toBeVisible();
    await op.getByLabel("One-time password").fill(oneTime);
    await op.getByLabel("New password", { exact: true }).fill(chosen);
    await op.getByLabel("Confirm new password").fill(chosen);
    await op.getByRole("button", { name: "Change password" }).click();
    await expect(op).toHaveURL(`${BASE_URL}/`);
    await expect(menuButton(op, "Otto Onetime")).toBeAttached();

    // The one-time password no longer signs in; the chosen one does.
    const other = await browser.newContext({ baseURL: BASE_URL, viewport: { width, height: 844 } });
    const check = await other.newPage();
    await check.goto("/sign-in");
    await trySignIn(check, email, oneTime);
    await expect(check.getByText("Wrong email or password")).toBeVisible();
    await expect(check).toHaveURL(`${BASE_URL}/sign-in`);
    await check.getByLabel("Email", { exact: true }).fill(email);
    await check.getByLabel("Password", { exact: true }).fill(chosen);
    await check.getByRole("button", { name: "Sign in" }).click();
    await expect(check).toHaveURL(`${BASE_URL}/`);
    await other.close();

    // Edit the name under Account: the header shows it at once.
    await op.goto("/account");
    const name = op.getByLabel("Name", { exact: true });
    await expect(name).toHaveValue("Otto Onetime");
    await name.fill("Otto Renamed");
    const [call] = await Promise.all([
      op.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
      op.getByRole("button", { name: "Save profile" }).click(),
    ]);
    await expect(op.getByText("Your profile was saved.")).toBeVisible();
    await expect(menuButton(op, "Otto Renamed")).toBeAttached();
    await op.reload();
    await expect(menuButton(op, "Otto Renamed")).toBeAttached();
    await expect(op.getByLabel("Name", { exact: true })).toHaveValue("Otto Renamed");

    // Another operator's email is refused with a readable message.
    await op.getByLabel("Email", { exact: true }).fill(ADMIN.email);
    await op.getByRole("button", { name: "Save profile" }).click();
    await expect(op.getByText("Another operator already uses this email")).toBeVisible();

    // The same call from another site, with the operator's cookie: refused, nothing changes.
    const forged = await op.request.post(new URL(call.url()).pathname, {
      headers: {
        "next-action": call.headers()["next-action"]!,
        "content-type": call.headers()["content-type"] ?? "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: "https://evil.example",
      },
      data: (call.postData() ?? "").replace("Otto Renamed", "Evil Name"),
    });
    expect(forged.status()).toBe(403);
    await op.reload();
    await expect(menuButton(op, "Otto Renamed")).toBeAttached();
    await context.close();
  });
}
