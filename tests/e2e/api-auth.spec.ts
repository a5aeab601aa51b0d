// API-key authentication on the v3.1 face (SECURITY.md 14, 18, 24).
import { expect, test } from "@playwright/test";
import { ADMIN, BOOTSTRAP_KEY } from "../support/e2e-env";
import {
  CONNECTED_ACCOUNTS,
  createApiKey,
  createProject,
  revokeApiKey,
  signIn,
  switchProject,
  unique,
} from "../support/e2e/dashboard";

type ErrorBody = { error: { message: string; code: string; status: number } };

test("GET /api/v3.1/connected_accounts – without a key is 401 with a JSON error", async ({
  request,
}) => {
  const res = await request.get(CONNECTED_ACCOUNTS);
  expect(res.status()).toBe(401);
  const body = (await res.json()) as ErrorBody;
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.code).toBe("unauthorized");
});

test("GET /api/v3.1/connected_accounts – a malformed or unknown key is 401", async ({
  request,
}) => {
  for (const key of [
    "not-a-key",
    "kp_live_short",
    `kp_live_${"x".repeat(40)}`,
    `${BOOTSTRAP_KEY}x`,
  ]) {
    const res = await request.get(CONNECTED_ACCOUNTS, { headers: { "x-api-key": key } });
    expect(res.status(), key).toBe(401);
    expect(((await res.json()) as ErrorBody).error.message).toBe("Invalid or revoked API key");
  }
  const bearer = await request.get(CONNECTED_ACCOUNTS, {
    headers: { authorization: "Bearer nope" },
  });
  expect(bearer.status()).toBe(401);
});

test("GET /api/v3.1/connected_accounts – a valid key in the query string is refused", async ({
  request,
}) => {
  for (const name of ["api_key", "x-api-key", "apiKey"]) {
    const res = await request.get(`${CONNECTED_ACCOUNTS}?${name}=${BOOTSTRAP_KEY}`);
    expect(res.status(), name).toBe(401);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/query string/);
  }
  // Even together with a valid header: a key that travelled in a URL is burnt.
  const both = await request.get(`${CONNECTED_ACCOUNTS}?api_key=${BOOTSTRAP_KEY}`, {
    headers: { "x-api-key": BOOTSTRAP_KEY },
  });
  expect(both.status()).toBe(401);
});

test("GET /api/v3.1/connected_accounts – the x-api-key header and a Bearer token are accepted", async ({
  request,
}) => {
  const variants: Array<Record<string, string>> = [
    { "x-api-key": BOOTSTRAP_KEY },
    { authorization: `Bearer ${BOOTSTRAP_KEY}` },
  ];
  for (const headers of variants) {
    const res = await request.get(CONNECTED_ACCOUNTS, { headers });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { items: unknown };
    expect(Array.isArray(body.items)).toBe(true);
  }
});

test("GET /api/v3.1/connected_accounts – keys of two projects work independently", async ({
  page,
  request,
}) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  const projectB = unique("Project B");
  await createProject(page, projectB);
  const keyName = unique("project-b-key");
  const keyB = await createApiKey(page, keyName);

  // Project B's key list holds only its own key, not the Default project's bootstrap key.
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(keyName) })).toBeVisible();
  await expect(page.getByRole("cell", { name: "bootstrap", exact: true })).toHaveCount(0);

  for (const key of [BOOTSTRAP_KEY, keyB]) {
    const res = await request.get(CONNECTED_ACCOUNTS, { headers: { "x-api-key": key } });
    expect(res.status()).toBe(200);
    expect(Array.isArray(((await res.json()) as { items: unknown }).items)).toBe(true);
  }

  await revokeApiKey(page, keyName);
  const revoked = await request.get(CONNECTED_ACCOUNTS, { headers: { "x-api-key": keyB } });
  expect(revoked.status()).toBe(401);
  const stillA = await request.get(CONNECTED_ACCOUNTS, { headers: { "x-api-key": BOOTSTRAP_KEY } });
  expect(stillA.status()).toBe(200);

  // And the Default project's list does not show project B's key.
  await switchProject(page, "Default");
  await page.goto("/settings/api-keys");
  await expect(page.getByRole("cell", { name: "bootstrap", exact: true })).toBeVisible();
  await expect(page.getByText(keyName)).toHaveCount(0);
});
