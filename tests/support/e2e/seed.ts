// Data for the page-by-page dashboard specs (a11y, responsive) and the list of pages they visit.
import { expect, type APIRequestContext, type Browser } from "@playwright/test";
import { authConfigId, authorizeAtSandbox, createLink, keyHeaders } from "./api";

export interface DashboardData {
  entity: string;
  connectionId: string;
  integrationId: string;
  /** An OAuth connect link the end user has not opened yet. */
  linkUrl: string;
}

/**
 * For one entity: an ACTIVE API-key connection with one success and one failure in its log, an
 * unopened OAuth connect link, and a connection the user denied (FAILED: "Needs attention").
 */
export async function seedDashboard(
  { request, browser }: { request: APIRequestContext; browser: Browser },
  entity: string,
): Promise<DashboardData> {
  const integrationId = await authConfigId(request, "sandbox_key");
  const created = await request.post("/api/v3.1/connected_accounts", {
    headers: keyHeaders(),
    data: {
      auth_config: { id: integrationId },
      connection: { user_id: entity, data: { api_key: "sbx_demo_key" } },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const connectionId = ((await created.json()) as { id: string }).id;
  const run = (slug: string, args: Record<string, unknown>) =>
    request.post(`/api/v3.1/tools/execute/${slug}`, {
      headers: keyHeaders(),
      data: { connected_account_id: connectionId, arguments: args },
    });
  expect((await run("SANDBOX_KEY_GET_THE_AUTHENTICATED_USER", {})).status()).toBe(200);
  // A note that does not exist: the sandbox answers 404, recorded as a failed execution.
  expect((await run("SANDBOX_KEY_DELETE_A_NOTE", { id: "no-such-note" })).status()).toBe(200);

  const denied = await createLink(request, "sandbox", entity);
  const endUser = await browser.newContext();
  await authorizeAtSandbox(await endUser.newPage(), denied.redirect_url, "bob", "Deny");
  await endUser.close();

  const linkUrl = (await createLink(request, "sandbox", entity)).redirect_url;
  return { entity, connectionId, integrationId, linkUrl };
}

/** Every dashboard page as [name, path]; `search` looks for the seeded entity. */
export const DASHBOARD_PAGES: ReadonlyArray<readonly [string, (d: DashboardData) => string]> = [
  ["overview", () => "/"],
  ["entities", () => "/entities"],
  ["entity", (d) => `/entities/${encodeURIComponent(d.entity)}`],
  ["connections", () => "/connections"],
  ["connection", (d) => `/connections/${d.connectionId}`],
  ["integrations", () => "/integrations"],
  ["integration-new", () => "/integrations/new"],
  ["integration-new-github", () => "/integrations/new?app=github"],
  ["integration", (d) => `/integrations/${d.integrationId}`],
  ["apps", () => "/apps"],
  ["actions", () => "/actions"],
  ["actions-search", () => "/actions?q=create%20issue"],
  ["logs", () => "/logs"],
  ["search", (d) => `/search?q=${encodeURIComponent(d.entity.slice(0, 8))}`],
  ["search-empty", () => "/search"],
  ["settings", () => "/settings"],
  ["api-keys", () => "/settings/api-keys"],
  ["operators", () => "/settings/operators"],
  ["audit", () => "/settings/audit"],
  ["account", () => "/account"],
];
