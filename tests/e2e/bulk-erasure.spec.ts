// Bulk work and erasure in the dashboard (issue 13 item 4), at phone and desktop widths:
// select connections and disable/enable/delete them, run "delete stale", erase an entity
// (its OAuth tokens revoked at the real sandbox), and find every change in the audit log.
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { ADMIN } from "../support/e2e-env";
import { signIn, unique } from "../support/e2e/dashboard";
import {
  authConfigId,
  authorizeAtSandbox,
  createLink,
  getAccount,
  keyHeaders,
  sandboxStats,
} from "../support/e2e/api";

test.describe.configure({ mode: "serial" });

async function keyConnection(request: APIRequestContext, entity: string): Promise<string> {
  const res = await request.post("/api/v3.1/connected_accounts", {
    headers: keyHeaders(),
    data: {
      auth_config: { id: await authConfigId(request, "sandbox_key") },
      connection: { user_id: entity, data: { api_key: "sbx_demo_key" } },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Signed in at desktop width (the sign-in helper expects the full navigation), then resized. */
async function signedInAt(browser: Browser, viewport: { width: number; height: number }) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.setViewportSize(viewport);
  return page;
}

async function check(page: Page, id: string) {
  await page.getByRole("checkbox", { name: `Select ${id}` }).check();
}

async function confirmIn(page: Page, trigger: string | RegExp, confirm: string) {
  await page.getByRole("button", { name: trigger }).click();
  await page.getByRole("dialog").getByRole("button", { name: confirm }).click();
}

const widths = [
  { name: "phone", viewport: { width: 390, height: 844 } },
  { name: "desktop", viewport: { width: 1280, height: 900 } },
];

for (const { name, viewport } of widths) {
  test(`${name}: select connections, disable, enable and delete them`, async ({
    browser,
    request,
  }) => {
    const entity = unique(`bulk-${name}`);
    const ids = [
      await keyConnection(request, entity),
      await keyConnection(request, entity),
      await keyConnection(request, entity),
    ];
    const page = await signedInAt(browser, viewport);
    await page.goto(`/connections?user=${encodeURIComponent(entity)}`);
    const bulk = page.getByRole("form", { name: "Bulk actions" });
    await check(page, ids[0]!);
    await check(page, ids[1]!);
    await bulk.getByRole("button", { name: "Disable", exact: true }).click();
    await expect(bulk.getByRole("status")).toHaveText("Disabled 2 connections.");
    for (const id of ids.slice(0, 2))
      expect((await getAccount(request, id)).body).toMatchObject({
        status: "INACTIVE",
        is_disabled: true,
      });
    expect((await getAccount(request, ids[2]!)).body.status).toBe("ACTIVE");
    // The rows show the new status after the refresh, and the checkboxes are cleared.
    for (const id of ids.slice(0, 2))
      await expect(page.getByRole("row").filter({ hasText: id })).toContainText("Inactive");
    await expect(page.getByRole("checkbox", { name: `Select ${ids[0]}` })).not.toBeChecked();

    await bulk.getByRole("button", { name: "Select all on page" }).click();
    await bulk.getByRole("button", { name: "Enable", exact: true }).click();
    await expect(bulk.getByRole("status")).toHaveText("Enabled 3 connections.");
    for (const id of ids) expect((await getAccount(request, id)).body.status).toBe("ACTIVE");

    await check(page, ids[2]!);
    await confirmIn(page, "Delete the selected connections", "Delete connections");
    await expect(bulk.getByRole("status")).toHaveText("Deleted 1 connection.");
    expect((await getAccount(request, ids[2]!)).status).toBe(404);
    await expect(page.getByRole("checkbox", { name: `Select ${ids[2]}` })).toHaveCount(0);

    // Nothing selected: the toolbar says so instead of calling the server.
    await bulk.getByRole("button", { name: "Disable", exact: true }).click();
    await expect(bulk.getByRole("alert")).toHaveText("Select at least one connection first.");

    // The audit log has each change with old → new.
    await page.goto("/settings/audit");
    await expect(
      page.getByText("connection.disable").filter({ visible: true }).first(),
    ).toBeVisible();
    await expect(
      page.getByText("connection.enable").filter({ visible: true }).first(),
    ).toBeVisible();
    await expect(
      page.getByText("connection.delete").filter({ visible: true }).first(),
    ).toBeVisible();
    await page.context().close();
  });

  test(`${name}: erase an entity with its connections, revoking its OAuth tokens`, async ({
    browser,
    request,
  }) => {
    const entity = unique(`erase-${name}`);
    const keyId = await keyConnection(request, entity);
    const link = await createLink(request, "sandbox", entity);
    const endUser = await browser.newContext();
    await authorizeAtSandbox(await endUser.newPage(), link.redirect_url, `erin-${name}`);
    await endUser.close();
    await expect
      .poll(async () => (await getAccount(request, link.connected_account_id)).body.status)
      .toBe("ACTIVE");
    const revocations = (await sandboxStats(request)).revocations;

    const page = await signedInAt(browser, viewport);
    await page.goto(`/entities/${encodeURIComponent(entity)}`);
    await confirmIn(page, `Erase entity ${entity}`, "Erase entity");
    await page.waitForURL(/\/entities\?erased=/);
    for (const id of [keyId, link.connected_account_id])
      expect((await getAccount(request, id)).status).toBe(404);
    // Refresh and access token of the OAuth connection, each revoked at the provider.
    expect((await sandboxStats(request)).revocations - revocations).toBe(2);
    const list = await request.get(
      `/api/v3.1/connected_accounts?user_ids=${encodeURIComponent(entity)}`,
      { headers: keyHeaders() },
    );
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
    const gone = await page.goto(`/entities/${encodeURIComponent(entity)}`);
    expect(gone?.status()).toBe(404);
    await page.goto("/settings/audit");
    await expect(page.getByText("entity.erase").filter({ visible: true }).first()).toBeVisible();
    await page.context().close();
  });
}
