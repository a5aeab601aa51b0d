// The action playground runs real actions as an entity; the execution log lists and filters them.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, BASE_URL } from "../support/e2e-env";
import { addActiveOperator, screenshot, signIn, unique } from "../support/e2e/dashboard";
import { authConfigId, keyHeaders } from "../support/e2e/api";

test.describe.configure({ mode: "serial" });

const USER = "user_playground";
const CREATE = "SANDBOX_KEY_CREATE_A_NOTE";
const LIST = "SANDBOX_KEY_LIST_NOTES";
const DELETE = "SANDBOX_KEY_DELETE_A_NOTE";
const NARROW = { width: 1024, height: 800 };

async function signedIn(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext({ viewport: NARROW })).newPage();
  await signIn(page, who.email, who.password);
  return page;
}

/** Step 2: from the action list (or after "Change action"), pick one by searching for it. */
async function chooseAction(page: Page, name: string, words: string): Promise<void> {
  const change = page.getByRole("link", { name: "Change action" });
  if (await change.isVisible()) await change.click();
  await page.getByLabel("Search actions").fill(words);
  await page.getByRole("link", { name: new RegExp(name) }).click();
  await expect(page.getByTestId("chosen-action")).toHaveText(name);
  await expect(page).toHaveURL(new RegExp(`action=${name}`));
}

async function run(page: Page) {
  await page.getByRole("button", { name: `Run as ${USER}` }).click();
  const response = page.getByTestId("action-response");
  await expect(response).toBeVisible();
  return response;
}

test.beforeAll(async ({ request }) => {
  const res = await request.post("/api/v3.1/connected_accounts", {
    headers: keyHeaders(),
    data: {
      auth_config: { id: await authConfigId(request, "sandbox_key") },
      connection: { user_id: USER, data: { api_key: "sbx_demo_key" } },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
});

test("playground – creates, lists and deletes a note as an entity; a missing title is named", async ({
  browser,
}) => {
  const page = await signedIn(browser, ADMIN);
  await page.goto("/actions");
  await page.getByLabel("Entity id").fill(USER);
  await page.getByLabel("App", { exact: true }).selectOption({ label: "Sandbox (API key)" });
  await page.getByRole("button", { name: "Choose" }).click();
  await expect(page).toHaveURL(/app=sandbox_key/);
  await expect(page.getByText(/has \d+ active Sandbox \(API key\) connections?\./)).toBeVisible();

  await expect(page.getByRole("link", { name: new RegExp(LIST) })).toBeVisible();
  await screenshot(page, "actions-picker");

  await chooseAction(page, CREATE, "create note");
  await page.getByLabel("title", { exact: true }).fill("Playground note");
  const created = await run(page);
  await expect(page.getByTestId("run-status")).toHaveText("success");
  await expect(page.getByRole("status").filter({ hasText: "HTTP" })).toContainText("201");
  await expect(created).toContainText('"title": "Playground note"');
  const note = JSON.parse((await created.textContent()) ?? "{}") as { id?: string };
  expect(note.id).toMatch(/^note_[\w-]{12}$/);

  await chooseAction(page, LIST, "list notes");
  const listed = await run(page);
  await expect(page.getByTestId("run-status")).toHaveText("success");
  await expect(listed).toContainText("Playground note");
  await expect(listed).toContainText(note.id!);
  await screenshot(page, "actions");

  await chooseAction(page, DELETE, "delete note");
  await page.getByLabel("id", { exact: true }).fill(note.id!);
  await run(page);
  await expect(page.getByTestId("run-status")).toHaveText("success");
  await expect(page.getByRole("status").filter({ hasText: "HTTP" })).toContainText("204");
  const logLink = page.getByRole("link", { name: /^Log entry log_/ });
  await expect(logLink).toHaveAttribute(
    "href",
    new RegExp(`/logs\\?user=${USER}&action=${DELETE}#log_`),
  );

  // A run without the required title is stopped with the server's wording, and nothing is sent.
  await chooseAction(page, CREATE, "create note");
  let sent = false;
  page.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"]) sent = true;
  });
  await page.getByRole("button", { name: `Run as ${USER}` }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("title: is required");
  await expect(page.getByLabel("title", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("action-response")).toHaveCount(0);
  expect(sent).toBe(false);
  await page.context().close();
});

test("playground – GitHub's Create an issue gets a generated form with the right controls", async ({
  browser,
}) => {
  const page = await signedIn(browser, ADMIN);
  await page.goto(`/actions?user=${USER}&app=github&action=GITHUB_CREATE_AN_ISSUE`);
  await expect(page.getByText(/has no active GitHub connection/)).toBeVisible();
  const form = page.getByRole("form", { name: "Parameters of GITHUB_CREATE_AN_ISSUE" });
  for (const name of ["owner", "repo", "title"]) {
    await expect(form.getByRole("textbox", { name, exact: true })).toHaveAttribute("required", "");
  }
  await form.getByText(/^Optional parameters \(\d+\)$/).click();
  await expect(form.getByRole("textbox", { name: "labels", exact: true })).toHaveAttribute(
    "placeholder",
    "[ ]",
  );
  await form.getByRole("textbox", { name: "labels", exact: true }).fill("not json");
  await form.getByRole("button", { name: `Run as ${USER}` }).click();
  await expect(form.getByRole("alert")).toContainText("labels: must be valid JSON");
  await expect(form.getByRole("alert")).toContainText("owner: is required");
  await screenshot(page, "actions-github");
  await page.context().close();
});

test("logs – lists the runs, filters by status in the URL, shows p50 and p95", async ({
  browser,
  request,
}) => {
  // The refused run above never reached the app, so it is not logged: make an upstream 404.
  const failed = await request.post(`/api/v3.1/tools/execute/${DELETE}`, {
    headers: keyHeaders(),
    data: { user_id: USER, arguments: { id: "missing" } },
  });
  expect(failed.status()).toBe(200);
  expect(((await failed.json()) as { successful: boolean }).successful).toBe(false);

  const page = await signedIn(browser, ADMIN);
  await page.goto(`/logs?user=${USER}`);
  const table = page.getByRole("table", { name: "Executions" });
  const rows = table.locator("tbody tr");
  for (const action of [CREATE, LIST, DELETE]) {
    await expect(rows.filter({ hasText: action }).filter({ hasText: "success" })).not.toHaveCount(
      0,
    );
  }
  await expect(rows.first()).toContainText(DELETE); // newest first: the failed delete
  await expect(rows.first()).toContainText("error");
  await expect(rows.first()).toContainText("404");
  await expect(rows.first().getByRole("link", { name: USER })).toHaveAttribute(
    "href",
    `/entities/${USER}`,
  );
  await expect(rows.first().getByRole("link", { name: /^Connection ca_/ })).toBeVisible();
  await expect(page.getByTestId("stat-p50")).toHaveText(/^\d+(\.\d)? ms$/);
  await expect(page.getByTestId("stat-p95")).toHaveText(/^\d+(\.\d)? ms$/);
  await expect(page.getByTestId("stat-total")).toHaveText(/^\d+$/);
  await screenshot(page, "logs");

  await page.getByLabel("Status").selectOption("error");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/status=error/);
  await expect(page).toHaveURL(new RegExp(`user=${USER}`));
  await expect(rows).not.toHaveCount(0);
  await expect(rows.filter({ hasText: "success" })).toHaveCount(0);
  await expect(rows.filter({ hasText: DELETE }).filter({ hasText: "404" })).not.toHaveCount(0);
  await expect(page.getByTestId("stat-error-rate")).toHaveText("100%");
  const errorCount = await rows.count();

  await page.reload();
  await expect(page.getByLabel("Status")).toHaveValue("error");
  await expect(page.getByLabel("Entity")).toHaveValue(USER);
  await expect(rows).toHaveCount(errorCount);

  // A preset becomes an absolute "from" in the URL, keeping the other filters.
  await page.getByRole("button", { name: "Last hour" }).click();
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}T\d{2}%3A\d{2}/);
  await expect(page).toHaveURL(/status=error/);
  await expect(rows).toHaveCount(errorCount);

  await page.goto(`/logs?user=${USER}&from=2999-01-01T00:00`);
  await expect(page.getByText("No executions match these filters")).toBeVisible();
  await expect(page.getByTestId("stat-total")).toHaveText("0");
  await page.context().close();
});

test("viewer – sees the playground read-only, and forcing runActionAction is refused", async ({
  browser,
}) => {
  const admin = await signedIn(browser, ADMIN);
  const viewer = { email: `${unique("pg-viewer")}@example.com`, name: "Pat Viewer", password: "" };
  viewer.password = await addActiveOperator(admin, { ...viewer, role: "viewer" });

  // Capture a real call of the action (id + encoded arguments) while the admin lists notes.
  const playground = `/actions?user=${USER}&app=sandbox_key&action=${LIST}`;
  await admin.goto(playground);
  const [call] = await Promise.all([
    admin.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    admin.getByRole("button", { name: `Run as ${USER}` }).click(),
  ]);
  await expect(admin.getByTestId("run-status")).toHaveText("success");
  const countListRuns = async () => {
    await admin.goto(`/logs?user=${USER}&action=${LIST}`);
    return Number(await admin.getByTestId("stat-total").textContent());
  };
  const before = await countListRuns();

  const page = await signedIn(browser, viewer);
  await page.goto(playground);
  await expect(
    page.getByText("You need the support or admin role to run actions.").first(),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: `Run as ${USER}` })).toBeDisabled();
  await expect(page.getByLabel("limit", { exact: true })).toBeDisabled();

  const forced = await page.request.post(playground, {
    headers: {
      "next-action": call.headers()["next-action"]!,
      "content-type": call.headers()["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: BASE_URL,
    },
    data: call.postData() ?? "",
  });
  const body = await forced.text();
  expect(body).toContain("Your role does not allow this");
  expect(body).not.toContain("Playground note");
  expect(await countListRuns()).toBe(before);
  await page.context().close();
  await admin.context().close();
});
