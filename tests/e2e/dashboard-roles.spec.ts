// What each role sees across the dashboard, and what the server refuses when a lower role replays
// an admin's real server-action call (SECURITY.md 25, 27): hidden buttons are not the gate.
import {
  expect,
  test,
  type APIResponse,
  type Browser,
  type Page,
  type Request,
} from "@playwright/test";
import { ADMIN, BASE_URL } from "../support/e2e-env";
import { addActiveOperator, screenshot, signIn, unique } from "../support/e2e/dashboard";
import { authConfigId, getAccount, keyHeaders } from "../support/e2e/api";

test.describe.configure({ mode: "serial" });

const ENTITY = unique("roles_entity").replace(/-/g, "_");
const support = { email: `${unique("roles-support")}@example.com`, password: "" };
const viewer = { email: `${unique("roles-viewer")}@example.com`, password: "" };

interface Captured {
  url: string;
  actionId: string;
  contentType: string;
  body: string;
}

/** Shared by the serial tests: the objects made and the admin's captured action calls. */
const state = {
  connectionId: "",
  integrationId: "",
  projectName: "",
  calls: {} as Record<
    "testAction" | "reconnect" | "disable" | "apiKey" | "operator" | "settings" | "integration",
    Captured
  >,
  apiKeyName: "",
  operatorEmail: "",
};

async function signedIn(browser: Browser, who: { email: string; password: string }) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who.email, who.password);
  return page;
}

/** Click something that calls a server action; returns the call as the browser sent it. */
async function capture(page: Page, click: () => Promise<void>): Promise<Captured> {
  const [call] = await Promise.all([
    page.waitForRequest(
      (r: Request) => r.method() === "POST" && Boolean(r.headers()["next-action"]),
    ),
    click(),
  ]);
  return {
    url: new URL(call.url()).pathname,
    actionId: call.headers()["next-action"]!,
    contentType: call.headers()["content-type"] ?? "text/plain;charset=UTF-8",
    body: call.postData() ?? "",
  };
}

/** Send a captured call again with this page's cookies (another operator), body edited. */
function replay(page: Page, call: Captured, body = call.body): Promise<APIResponse> {
  return page.request.post(call.url, {
    headers: {
      "next-action": call.actionId,
      "content-type": call.contentType,
      accept: "text/x-component",
      origin: BASE_URL,
    },
    data: body,
  });
}

async function expectRefused(res: APIResponse) {
  const text = await res.text();
  expect(text).toContain("Your role does not allow this");
  expect(text).not.toContain('"ok":true');
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** Every role sees the operate pages; only admins see the admin-only settings links. */
async function expectNav(page: Page, { admin }: { admin: boolean }): Promise<void> {
  for (const item of ["Overview", "Entities", "Connections", "Integrations", "Project"]) {
    await expect(nav(page).getByRole("link", { name: item, exact: true })).toBeVisible();
  }
  for (const item of ["API keys", "Operators", "Audit log"]) {
    const link = nav(page).getByRole("link", { name: item });
    if (admin) await expect(link).toBeVisible();
    else await expect(link).toHaveCount(0);
  }
}
const entityPath = () => `/entities/${encodeURIComponent(ENTITY)}`;
/** The entity page's card of the connection. */
const card = (page: Page) =>
  page.locator(`[data-testid="entity-connection"][data-connection-id="${state.connectionId}"]`);

test.beforeAll(async ({ browser, request }) => {
  // An ACTIVE sandbox_key connection, straight through the API.
  state.integrationId = await authConfigId(request, "sandbox_key");
  const created = await request.post("/api/v3.1/connected_accounts", {
    headers: keyHeaders(),
    data: {
      auth_config: { id: state.integrationId },
      connection: { user_id: ENTITY, data: { api_key: "sbx_demo_key" } },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  state.connectionId = ((await created.json()) as { id: string }).id;

  const admin = await signedIn(browser, ADMIN);
  state.projectName = (await admin.getByTestId("current-project").textContent()) ?? "";
  support.password = await addActiveOperator(admin, {
    email: support.email,
    name: "Sol Support",
    role: "support",
  });
  viewer.password = await addActiveOperator(admin, {
    email: viewer.email,
    name: "Val Viewer",
    role: "viewer",
  });

  // The admin's real calls, one per mutation a lower role will try to force.
  await admin.goto(entityPath());
  const c = card(admin);
  state.calls.testAction = await capture(admin, () =>
    c.getByRole("button", { name: /^Run test action/ }).click(),
  );
  await expect(c.getByTestId("test-result")).toContainText("answered HTTP 200");
  state.calls.reconnect = await capture(admin, () =>
    c.getByRole("button", { name: /^Copy reconnect link/ }).click(),
  );
  await expect(c.getByTestId("connect-link")).toHaveText(new RegExp(`^${BASE_URL}/link/`));
  state.calls.disable = await capture(admin, () =>
    c.getByRole("button", { name: /^Disable/ }).click(),
  );
  await expect(c.getByTestId("entity-connection-status")).toContainText("Inactive");
  await c.getByRole("button", { name: /^Enable/ }).click();
  await expect(c.getByTestId("entity-connection-status")).toContainText("Active");
  await expect(c.getByTestId("entity-connection-status")).not.toContainText("Disabled");

  await admin.goto("/settings/api-keys");
  state.apiKeyName = unique("roles-admin-key");
  await admin.getByLabel("Name", { exact: true }).fill(state.apiKeyName);
  state.calls.apiKey = await capture(admin, () =>
    admin.getByRole("button", { name: "Create API key" }).click(),
  );
  await expect(admin.getByText("Copy this key now.")).toBeVisible();

  await admin.goto("/settings/operators");
  state.operatorEmail = `${unique("roles-added")}@example.com`;
  await admin.getByLabel("Email", { exact: true }).fill(state.operatorEmail);
  await admin.getByLabel("Name", { exact: true }).fill("Added By Admin");
  await admin.getByLabel("Role", { exact: true }).selectOption("viewer");
  state.calls.operator = await capture(admin, () =>
    admin.getByRole("button", { name: "Add operator" }).click(),
  );
  await expect(admin.getByLabel(`One-time password for ${state.operatorEmail}`)).toBeVisible();

  await admin.goto("/settings");
  state.calls.settings = await capture(admin, () =>
    admin.getByRole("button", { name: "Save settings" }).click(),
  );
  await expect(admin.getByText("Settings saved.")).toBeVisible();

  await admin.goto(`/integrations/${state.integrationId}`);
  state.calls.integration = await capture(admin, () =>
    admin.getByRole("button", { name: "Disable", exact: true }).click(),
  );
  await expect(admin.getByRole("button", { name: "Enable", exact: true })).toBeVisible();
  await admin.getByRole("button", { name: "Enable", exact: true }).click();
  await expect(admin.getByRole("button", { name: "Disable", exact: true })).toBeVisible();
  await admin.context().close();

  for (const [name, call] of Object.entries(state.calls)) {
    expect(call.actionId, name).toMatch(/^[0-9a-f]{20,}$/);
  }
  expect(state.calls.disable.body).toContain(state.connectionId);
  expect(state.calls.apiKey.body).toContain(state.apiKeyName);
  expect(state.calls.operator.body).toContain(state.operatorEmail);
  expect(state.calls.settings.body).toContain(JSON.stringify(state.projectName));
});

test.describe("admin", () => {
  test("sees every settings page and every operate and manage button", async ({ browser }) => {
    const page = await signedIn(browser, ADMIN);
    await expectNav(page, { admin: true });
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Needs attention" })).toBeVisible();

    await page.goto("/entities");
    await expect(page.getByRole("link", { name: ENTITY })).toBeVisible();
    await page.goto(entityPath());
    const c = card(page);
    for (const name of [/^Run test action/, /^Copy reconnect link/, /^Disable/]) {
      await expect(c.getByRole("button", { name })).toBeVisible();
    }
    await expect(page.getByRole("button", { name: "Create connection" })).toBeVisible();

    await page.goto("/connections");
    await expect(page.getByRole("button", { name: "Create connection" })).toBeVisible();
    await page.goto(`/connections/${state.connectionId}`);
    for (const name of [
      "Disable",
      "Copy reconnect link",
      `Delete connection ${state.connectionId}`,
    ]) {
      await expect(page.getByRole("button", { name, exact: true })).toBeVisible();
    }

    await page.goto("/integrations");
    await expect(page.getByRole("link", { name: "New integration" })).toBeVisible();
    await page.goto(`/integrations/${state.integrationId}`);
    await expect(page.getByRole("button", { name: "Disable", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Delete integration/ })).toBeVisible();

    await page.goto("/settings");
    await expect(page.getByRole("button", { name: "Save settings" })).toBeVisible();
    await page.goto("/settings/api-keys");
    await expect(page.getByRole("button", { name: "Create API key" })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(state.apiKeyName) })).toBeVisible();
    await page.goto("/settings/operators");
    await expect(page.getByRole("button", { name: "Add operator" })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(support.email) })).toContainText(
      "support",
    );
    await page.goto("/settings/audit");
    await expect(page.getByRole("table")).toBeVisible();
    await screenshot(page, "roles-admin-audit");
    await page.context().close();
  });
});

test.describe("support", () => {
  test("operates connections but sees no API keys, operators, audit log or integration controls", async ({
    browser,
  }) => {
    const page = await signedIn(browser, support);
    await expectNav(page, { admin: false });
    await expect(page.getByRole("heading", { name: "Needs attention" })).toBeVisible();

    await page.goto(entityPath());
    const c = card(page);
    await c.getByRole("button", { name: /^Run test action/ }).click();
    await expect(c.getByTestId("test-result")).toContainText("answered HTTP 200");
    await c.getByRole("button", { name: /^Copy reconnect link/ }).click();
    await expect(c.getByTestId("connect-link")).toHaveText(new RegExp(`^${BASE_URL}/link/`));
    await expect(c.getByRole("button", { name: /^Disable/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "Create connection" })).toBeVisible();
    await screenshot(page, "roles-support-entity");

    await page.goto(`/connections/${state.connectionId}`);
    for (const name of [
      "Disable",
      "Copy reconnect link",
      `Delete connection ${state.connectionId}`,
    ]) {
      await expect(page.getByRole("button", { name, exact: true })).toBeVisible();
    }

    await page.goto("/integrations");
    await expect(page.getByRole("link", { name: "New integration" })).toHaveCount(0);
    await expect(page.getByText("You need the admin role to create or change them.")).toBeVisible();
    await page.goto(`/integrations/${state.integrationId}`);
    await expect(page.getByRole("button", { name: "Disable", exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Delete integration/ })).toHaveCount(0);
    await expect(
      page.getByText("You need the admin role to change this integration."),
    ).toBeVisible();

    await page.goto("/settings");
    await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);
    await page.goto("/settings/api-keys");
    await expect(
      page.getByText("You need the admin role to see and manage API keys."),
    ).toBeVisible();
    await expect(page.getByText(state.apiKeyName)).toHaveCount(0);
    await page.goto("/settings/operators");
    await expect(
      page.getByText("You need the admin role to see and manage operators."),
    ).toBeVisible();
    await expect(page.getByText(support.email)).toHaveCount(0);
    await page.goto("/settings/audit");
    await expect(page.getByText("You need the admin role to read the audit log.")).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    await page.context().close();
  });

  test("forced admin-only calls are refused and change nothing", async ({ browser }) => {
    const page = await signedIn(browser, support);
    const forcedKey = unique("forced-key-support");
    const forcedEmail = `${unique("forced-op-support")}@example.com`;
    const forcedName = unique("Forced name support");
    const { calls } = state;
    await expectRefused(
      await replay(page, calls.apiKey, calls.apiKey.body.replace(state.apiKeyName, forcedKey)),
    );
    await expectRefused(
      await replay(
        page,
        calls.operator,
        calls.operator.body.replace(state.operatorEmail, forcedEmail),
      ),
    );
    await expectRefused(
      await replay(
        page,
        calls.settings,
        calls.settings.body.replace(JSON.stringify(state.projectName), JSON.stringify(forcedName)),
      ),
    );
    await expectRefused(await replay(page, calls.integration));
    await page.context().close();

    const admin = await signedIn(browser, ADMIN);
    await expect(admin.getByTestId("current-project")).toHaveText(state.projectName);
    await admin.goto("/settings/api-keys");
    await expect(admin.getByText(forcedKey)).toHaveCount(0);
    await admin.goto("/settings/operators");
    await expect(admin.getByText(forcedEmail)).toHaveCount(0);
    await admin.goto(`/integrations/${state.integrationId}`);
    await expect(admin.getByRole("button", { name: "Disable", exact: true })).toBeVisible();
    await admin.context().close();
  });
});

test.describe("viewer", () => {
  test("reads everything operators may read, with no operate or manage button", async ({
    browser,
  }) => {
    const page = await signedIn(browser, viewer);
    await expectNav(page, { admin: false });
    await expect(page.getByRole("heading", { name: "Needs attention" })).toBeVisible();

    await page.goto(entityPath());
    await expect(card(page)).toBeVisible();
    await expect(card(page).getByRole("button")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Create connection" })).toHaveCount(0);
    await expect(
      page.getByText("Running test actions, reconnecting and disabling need"),
    ).toBeVisible();
    await screenshot(page, "roles-viewer-entity");

    await page.goto("/connections");
    await expect(page.getByRole("link", { name: state.connectionId })).toBeVisible();
    await expect(page.getByRole("button", { name: "Create connection" })).toHaveCount(0);
    await page.goto(`/connections/${state.connectionId}`);
    for (const name of [/^Disable/, /^Enable/, /^Copy reconnect link/, /^Delete/]) {
      await expect(page.getByRole("button", { name })).toHaveCount(0);
    }

    await page.goto("/integrations");
    await expect(page.getByRole("link", { name: "New integration" })).toHaveCount(0);
    await page.goto(`/integrations/${state.integrationId}`);
    await expect(page.getByRole("button", { name: /^(Disable|Enable|Delete)/ })).toHaveCount(0);
    await page.goto("/settings");
    await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);
    await expect(page.getByLabel("Project name")).toBeDisabled();
    await page.goto("/settings/api-keys");
    await expect(
      page.getByText("You need the admin role to see and manage API keys."),
    ).toBeVisible();
    await page.goto("/settings/operators");
    await expect(
      page.getByText("You need the admin role to see and manage operators."),
    ).toBeVisible();
    await page.goto("/settings/audit");
    await expect(page.getByText("You need the admin role to read the audit log.")).toBeVisible();
    await page.context().close();
  });

  test("forced test action, reconnect link, disable and admin calls are refused and change nothing", async ({
    browser,
    request,
  }) => {
    const admin = await signedIn(browser, ADMIN);
    await admin.goto(`/connections/${state.connectionId}`);
    const events = admin.getByRole("list", { name: "Connection events" }).getByRole("listitem");
    const eventsBefore = await events.count();
    const executions = admin.getByRole("table", { name: "Recent executions" }).getByRole("row");
    const executionsBefore = await executions.count();

    const page = await signedIn(browser, viewer);
    const { calls } = state;
    for (const call of [calls.testAction, calls.reconnect, calls.disable, calls.integration]) {
      await expectRefused(await replay(page, call));
    }
    await expectRefused(
      await replay(
        page,
        calls.apiKey,
        calls.apiKey.body.replace(state.apiKeyName, unique("v-key")),
      ),
    );
    await expectRefused(
      await replay(
        page,
        calls.operator,
        calls.operator.body.replace(state.operatorEmail, `${unique("v-op")}@example.com`),
      ),
    );
    await expectRefused(await replay(page, calls.settings));
    await page.context().close();

    // Nothing happened: still ACTIVE and enabled, no link issued, no execution recorded.
    const account = await getAccount(request, state.connectionId);
    expect(account.body.status).toBe("ACTIVE");
    await admin.reload();
    await expect(admin.getByTestId("connection-status")).toHaveText("Active");
    await expect(events).toHaveCount(eventsBefore);
    await expect(executions).toHaveCount(executionsBefore);
    await admin.context().close();
  });

  test("without a session the same calls are refused with 'Sign in first'", async ({
    playwright,
  }) => {
    const anonymous = await playwright.request.newContext({ baseURL: BASE_URL });
    const res = await anonymous.post(state.calls.disable.url, {
      headers: {
        "next-action": state.calls.disable.actionId,
        "content-type": state.calls.disable.contentType,
        accept: "text/x-component",
        origin: BASE_URL,
        cookie: "authjs.session-token=forged",
      },
      data: state.calls.disable.body,
      maxRedirects: 0,
    });
    expect(await res.text()).toContain("Sign in first");
    const search = await anonymous.get("/api/dashboard/search?q=roles");
    expect(search.status()).toBe(401);
    expect(await search.text()).not.toContain(ENTITY);
    await anonymous.dispose();
  });
});
