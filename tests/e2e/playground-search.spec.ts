// The action playground's search across the whole catalog (issue 15): from /actions with no app
// chosen, the server's ranked search (the one GET /api/v3.1/tools?search= uses) finds any app's
// action; a match opens its form with its app chosen and the entity kept.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN } from "../support/e2e-env";
import { screenshot, sidewaysOverflow, signIn } from "../support/e2e/dashboard";

const USER = "user_catalog_search";
const PHONE = { width: 390, height: 844 };

async function signedIn(browser: Browser): Promise<Page> {
  const page = await (
    await browser.newContext({ viewport: { width: 1280, height: 800 } })
  ).newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
  return page;
}

/** Type words into the catalog search and wait for the server's answer to replace the last one. */
async function searchFor(page: Page, words: string): Promise<void> {
  await page.getByLabel("Search all actions").fill(words);
  await page.getByRole("search", { name: "Search the action catalog" }).getByRole("button").click();
  await expect(page).toHaveURL((url) => url.searchParams.get("q") === words);
  await expect(page.getByTestId("action-search-count")).toContainText(`“${words}”`);
}

const results = (page: Page) =>
  page.getByRole("list", { name: "Matching actions" }).getByRole("link");

test("search – finds a Stripe action from /actions with no app chosen, most relevant first", async ({
  browser,
}) => {
  const page = await signedIn(browser);
  await page.goto("/actions");
  await expect(page.getByLabel("App", { exact: true })).toHaveValue("");
  await searchFor(page, "stripe create customer");

  await expect(page.getByTestId("action-search-count")).toHaveText(
    /^\d+ actions match “stripe create customer”\.$/,
  );
  const first = results(page).first();
  await expect(first).toContainText("Create a customer");
  await expect(first).toContainText("STRIPE_CREATE_A_CUSTOMER");
  await expect(first).toContainText("Stripe");
  await expect(first).toContainText("POST /v1/customers");
  // Every word must occur: nothing from another app slips in.
  const rows = await results(page).allTextContents();
  expect(rows.length).toBeGreaterThan(1);
  expect(rows.filter((row) => !row.includes("STRIPE_"))).toEqual([]);

  // Linkable: the same URL gives the same answer on a fresh load.
  await page.reload();
  await expect(page.getByLabel("Search all actions")).toHaveValue("stripe create customer");
  await expect(results(page).first()).toContainText("STRIPE_CREATE_A_CUSTOMER");
  await screenshot(page, "actions-search");
  await page.context().close();
});

test("search – a GitHub long-tail action opens its form with GitHub chosen and the entity kept", async ({
  browser,
}) => {
  const page = await signedIn(browser);
  await page.goto("/actions");
  await page.getByLabel("Entity id").fill(USER);
  await page.getByRole("button", { name: "Choose" }).click();
  await expect(page).toHaveURL(new RegExp(`user=${USER}`));

  await searchFor(page, "autofix");
  await expect(page.getByTestId("action-search-count")).toHaveText(
    /^[1-9]\d* actions? match(es)? “autofix”\.$/,
  );
  // Long tail: only GitHub's code-scanning autofix actions have the word.
  const rows = await results(page).allTextContents();
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.filter((row) => !row.includes("GITHUB_"))).toEqual([]);
  const autofix = "GITHUB_CREATE_AN_AUTOFIX_FOR_A_CODE_SCANNING_ALERT";
  const match = results(page).filter({ hasText: autofix });
  await expect(match).toContainText("GitHub");
  await expect(match).toContainText(
    "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix",
  );
  await match.click();

  await expect(page).toHaveURL(new RegExp(`user=${USER}&app=github&action=${autofix}$`));
  await expect(page.getByTestId("chosen-action")).toHaveText(autofix);
  await expect(page.getByLabel("App", { exact: true })).toHaveValue("github");
  await expect(page.getByLabel("Entity id")).toHaveValue(USER);
  await expect(page.getByText(/has no active GitHub connection/)).toBeVisible();
  const form = page.getByRole("form", { name: `Parameters of ${autofix}` });
  for (const name of ["owner", "repo"]) {
    await expect(form.getByRole("textbox", { name, exact: true })).toHaveAttribute("required", "");
  }
  await expect(form.getByRole("button", { name: `Run as ${USER}` })).toBeVisible();
  await page.context().close();
});

test("search – at 390 px the capped results fit the screen and say how to narrow them", async ({
  browser,
}) => {
  const page = await signedIn(browser);
  await page.setViewportSize(PHONE);
  await page.goto("/actions?q=github");
  await expect(page.getByTestId("action-search-count")).toHaveText(
    /^[\d,]+ actions match “github” — showing the 50 most relevant; add words to narrow it\.$/,
  );
  await expect(results(page)).toHaveCount(50);

  await page.goto(`/actions?q=${encodeURIComponent("create issue")}`);
  await expect(results(page).first()).toContainText("GITHUB_CREATE_AN_ISSUE");
  const found = await sidewaysOverflow(page);
  expect(found.scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(found.clientWidth + 1);
  expect(found.unreachable).toEqual([]);
  expect(found.spilling).toEqual([]);
  // Long slugs and paths wrap inside their row instead of running past the screen's edge.
  for (const box of await results(page).evaluateAll((links) =>
    links.map((l) => l.getBoundingClientRect().right),
  )) {
    expect(box).toBeLessThanOrEqual(PHONE.width);
  }
  await screenshot(page, "390-actions-search-results");
  await page.context().close();
});

test("search – nonsense and too-long searches get words, not an error page", async ({
  browser,
}) => {
  const page = await signedIn(browser);
  await page.goto("/actions");
  await searchFor(page, "zqxv jjwk");
  await expect(page.getByTestId("action-search-count")).toHaveText(
    "No action matches “zqxv jjwk”. Try fewer or other words, or choose an app above to browse its actions.",
  );
  await expect(page.getByRole("list", { name: "Matching actions" })).toHaveCount(0);

  const long = await page.goto(`/actions?q=${"a".repeat(201)}`);
  expect(long?.status()).toBe(200);
  await expect(page.getByText("The search is 201 characters long; use at most 200.")).toBeVisible();
  await expect(page.getByLabel("Search all actions")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("list", { name: "Matching actions" })).toHaveCount(0);
  await page.context().close();
});

test("search – a pasted tab is a word break; a control character typed into the URL is named", async ({
  browser,
}) => {
  const page = await signedIn(browser);
  await page.goto("/actions");
  await page.getByLabel("Search all actions").fill("create\tissue");
  await page.getByRole("search", { name: "Search the action catalog" }).getByRole("button").click();
  await expect(page).toHaveURL((url) => url.searchParams.get("q") === "create issue");
  await expect(results(page).first()).toContainText("GITHUB_CREATE_AN_ISSUE");

  // The front server refuses control characters in any page's URL, in words (server/front.ts).
  const control = await page.request.get("/actions?q=create%00issue");
  expect(control.status()).toBe(400);
  expect(await control.text()).toBe("query parameter q: must not contain control characters\n");
  await page.context().close();
});
