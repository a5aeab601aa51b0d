// The sandbox works anywhere (issue 13 item 6): an admin adds the sandbox integrations to a new
// project in one click (audited), and an end user whose browser can reach only Keyport's origin
// connects through it: the sandbox's pages are served under /sandbox, never from 127.0.0.1:<port>.
// Its private parts (token endpoint, API, test hooks) are not reachable through Keyport.
import { expect, test, type Browser } from "@playwright/test";
import { ADMIN, E2E_SANDBOX_PORT } from "../support/e2e-env";
import { createProject, signIn, unique } from "../support/e2e/dashboard";
import { SANDBOX_ORIGIN } from "../support/e2e/api";

test.describe.configure({ mode: "serial" });

/** A browser on another machine: anything on the sandbox's own port fails, and is recorded. */
async function remoteBrowser(browser: Browser) {
  const context = await browser.newContext();
  const blocked: string[] = [];
  await context.route(
    (url) => url.port === String(E2E_SANDBOX_PORT),
    (route) => {
      blocked.push(route.request().url());
      return route.abort("addressunreachable");
    },
  );
  return { context, blocked };
}

test("a new project gets the sandbox in one click and an end user connects from another machine", async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  const project = unique("Sandbox anywhere");
  await createProject(admin, project);

  // Before: the new project has no sandbox integration.
  await admin.goto("/apps");
  const tryIt = admin.getByRole("region", { name: "Try the sandbox" });
  await expect(tryIt).toBeVisible();
  await tryIt.getByRole("button", { name: "Add sandbox integrations" }).click();
  await expect(tryIt.getByRole("status")).toContainText("Added 2 sandbox integrations");
  await expect(admin.getByRole("listitem", { name: "Sandbox", exact: true })).toContainText(
    "Configured",
  );

  // Once made, the button offers to repair (set the client secret again) instead.
  await admin.reload();
  await expect(tryIt.getByRole("button", { name: "Repair sandbox integrations" })).toBeVisible();
  await admin.goto("/integrations");
  await expect(admin.getByRole("link", { name: "Sandbox (OAuth 2.0)" })).toHaveCount(1);
  await expect(admin.getByRole("link", { name: "Sandbox (API key)" })).toHaveCount(1);

  // Audited, by the admin.
  await admin.goto("/settings/audit");
  await expect(
    admin.getByRole("table", { name: "Audit log" }).getByText("integration.create").first(),
  ).toBeVisible();

  // A connect link from the dashboard, opened by an end user who cannot reach the sandbox port.
  const entity = unique("remote_user").replace(/-/g, "_");
  await admin.goto("/connections");
  await admin.getByLabel("Entity id").fill(entity);
  await admin.getByLabel("Integration").selectOption({ label: "Sandbox (OAuth 2.0)" });
  await admin.getByRole("button", { name: "Create connection" }).click();
  const link = (await admin.getByTestId("connect-link").textContent())!.trim();

  const { context, blocked } = await remoteBrowser(browser);
  const user = await context.newPage();
  await user.goto(link);
  await user.getByRole("button", { name: /Continue to Sandbox/ }).click();
  await expect(user).toHaveURL(/\/sandbox\/interaction\//);
  await user.getByLabel("Username").fill("remote-reader");
  await user.getByLabel("Password").fill("sandbox");
  await user.getByRole("button", { name: "Sign in" }).click();
  await user.getByRole("button", { name: "Allow" }).click();
  await expect(user.getByRole("heading", { name: "Connected", exact: true })).toBeVisible();
  expect(blocked, "requests to the sandbox's own port").toEqual([]);

  await admin.goto(`/entities/${entity}`);
  await expect(admin.getByText("ACTIVE").first()).toBeVisible();
  await context.close();
  await admin.context().close();
});

test("a wrong password on the proxied sign-in page shows the error and still posts under /sandbox", async ({
  browser,
  request,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  await admin.goto("/connections");
  await admin.getByLabel("Entity id").fill(unique("wrong_pw").replace(/-/g, "_"));
  await admin.getByLabel("Integration").selectOption({ label: "Sandbox (OAuth 2.0)" });
  await admin.getByRole("button", { name: "Create connection" }).click();
  const link = (await admin.getByTestId("connect-link").textContent())!.trim();
  await admin.context().close();

  const { context, blocked } = await remoteBrowser(browser);
  const user = await context.newPage();
  await user.goto(link);
  await user.getByRole("button", { name: /Continue to Sandbox/ }).click();
  await user.getByLabel("Username").fill("someone");
  await user.getByLabel("Password").fill("not-the-password");
  await user.getByRole("button", { name: "Sign in" }).click();
  await expect(user.getByRole("alert")).toContainText("Wrong password");
  await expect(user).toHaveURL(/\/sandbox\/interaction\/[\w-]+\/login$/);
  await user.getByLabel("Password").fill("sandbox");
  await user.getByRole("button", { name: "Sign in" }).click();
  await user.getByRole("button", { name: "Deny" }).click();
  await expect(user.getByRole("heading", { name: "Not connected", exact: true })).toBeVisible();
  expect(blocked).toEqual([]);
  await context.close();

  // Only the browser pages pass: the token endpoint, the API and the test hooks do not.
  for (const path of [
    "/sandbox/token",
    "/sandbox/api/me",
    "/sandbox/__sandbox/stats",
    "/sandbox/",
  ]) {
    const res = await request.get(path, { maxRedirects: 0 });
    if (path.endsWith("/")) {
      // Next answers a trailing slash with its own redirect, away from the sandbox's root.
      expect(res.status(), path).toBe(308);
      expect(res.headers()["location"], path).toBe(path.slice(0, -1));
    } else expect(res.status(), path).toBe(404);
  }
  const token = await request.post("/sandbox/token", { form: { grant_type: "x" } });
  expect(token.status()).toBe(404);
  // The sandbox itself still answers on its own port (Keyport's server-to-server calls).
  expect((await request.get(`${SANDBOX_ORIGIN}/.well-known/openid-configuration`)).status()).toBe(
    200,
  );
});
