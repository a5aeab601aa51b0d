// Shared helpers for e2e specs: API calls with the bootstrap key, the sandbox sign-in as an end user.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { SANDBOX_BROWSER_PREFIX } from "@/lib/sandbox/paths";
import { BASE_URL, BOOTSTRAP_KEY, E2E_SANDBOX_PORT } from "../e2e-env";

export const SANDBOX_ORIGIN = `http://127.0.0.1:${E2E_SANDBOX_PORT}`;
/** Where a browser sees the sandbox's pages: Keyport serves them under its own origin. */
export const SANDBOX_PAGES = `${BASE_URL}${SANDBOX_BROWSER_PREFIX}`;

export const keyHeaders = (key = BOOTSTRAP_KEY) => ({ "x-api-key": key });

/** The Default project's auth config id for an app (seeded while the sandbox runs). */
export async function authConfigId(
  request: APIRequestContext,
  app: string,
  key = BOOTSTRAP_KEY,
): Promise<string> {
  const res = await request.get(`/api/v3.1/auth_configs?toolkit_slug=${app}`, {
    headers: keyHeaders(key),
  });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: Array<{ id: string }> };
  const id = body.items[0]?.id;
  expect(id, `an auth config for ${app}`).toMatch(/^ac_/);
  return id!;
}

/** Create a connect link for a user through the API. */
export async function createLink(
  request: APIRequestContext,
  app: string,
  userId: string,
  extra: Record<string, unknown> = {},
) {
  const res = await request.post("/api/v3.1/connected_accounts/link", {
    headers: keyHeaders(),
    data: { auth_config_id: await authConfigId(request, app), user_id: userId, ...extra },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as {
    redirect_url: string;
    connected_account_id: string;
    link_token: string;
    expires_at: string;
  };
}

/** As the end user: from the connect page through the sandbox's sign-in and consent. */
export async function authorizeAtSandbox(
  page: Page,
  redirectUrl: string,
  username: string,
  decision: "Allow" | "Deny" = "Allow",
) {
  await page.goto(redirectUrl);
  await page.getByRole("button", { name: /Continue to Sandbox/ }).click();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill("sandbox");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: decision }).click();
}

/** GET a connected account through the API. */
export async function getAccount(request: APIRequestContext, id: string, key = BOOTSTRAP_KEY) {
  const res = await request.get(`/api/v3.1/connected_accounts/${id}`, { headers: keyHeaders(key) });
  return {
    status: res.status(),
    body: (await res.json()) as Record<string, unknown> & {
      status?: string;
      status_reason?: string;
      upstream_identity?: { login?: string };
    },
  };
}

/** The sandbox's counters (token requests by grant type). */
export async function sandboxStats(request: APIRequestContext) {
  const res = await request.get(`${SANDBOX_ORIGIN}/__sandbox/stats`);
  return (await res.json()) as {
    token_requests: { authorization_code: number; refresh_token: number };
    revocations: number;
  };
}
