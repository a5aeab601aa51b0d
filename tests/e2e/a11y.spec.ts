// Accessibility: axe (WCAG 2 A and AA) on every dashboard page, the sign-in page and the connect
// pages, at the default width and at 1024 px; no serious or critical violation. Each page is also
// saved as a full-page screenshot (test-results/screenshots/<name>.png and <name>-1024.png), and
// the violations found, whatever their impact, as test-results/a11y/<name>.json.
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, BASE_URL } from "../support/e2e-env";
import { screenshot, settled, signIn, unique } from "../support/e2e/dashboard";
import { DASHBOARD_PAGES, seedDashboard, type DashboardData } from "../support/e2e/seed";

// Not serial: one page's violations must not hide the next page's (a failure restarts the
// worker, and beforeAll seeds again).
test.describe.configure({ mode: "default" });

const ENTITY = unique("a11y_entity").replace(/-/g, "_");
let data: DashboardData;
const WIDTHS = [
  { suffix: "", width: 1280, height: 800 },
  { suffix: "-1024", width: 1024, height: 768 },
];

interface Found {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Run axe at each width, save screenshots and findings; fail on serious or critical ones. */
async function audit(page: Page, name: string, path: string) {
  const serious: string[] = [];
  for (const w of WIDTHS) {
    await page.setViewportSize({ width: w.width, height: w.height });
    const res = await page.goto(path);
    expect(res?.status(), `${path} answers`).toBeLessThan(400);
    await settled(page);
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    const found: Found[] = result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
    fs.mkdirSync("test-results/a11y", { recursive: true });
    fs.writeFileSync(`test-results/a11y/${name}${w.suffix}.json`, JSON.stringify(found, null, 2));
    await screenshot(page, `${name}${w.suffix}`);
    for (const f of found) {
      if (f.impact === "serious" || f.impact === "critical") {
        serious.push(`${w.width}px ${f.impact} ${f.id} (${f.help}): ${f.targets.join(", ")}`);
      }
    }
  }
  expect(serious, `serious or critical axe violations on ${path}`).toEqual([]);
}

async function adminPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
  return page;
}

test.beforeAll(async ({ request, browser }) => {
  data = await seedDashboard({ request, browser }, ENTITY);
});

for (const [name, path] of DASHBOARD_PAGES) {
  test(`a11y – ${name}`, async ({ browser }) => {
    const page = await adminPage(browser);
    await audit(page, `a11y-${name}`, path(data));
    await page.context().close();
  });
}

test("overview charts are named figures whose numbers can be read without hovering", async ({
  browser,
}) => {
  const page = await adminPage(browser);
  await settled(page);
  const executions = page.getByRole("figure", { name: "Executions per hour, last 24 hours" });
  await expect(executions).toHaveAccessibleDescription(
    /\d+ executions? · \d+ errors? · [\d.]+% error rate/,
  );
  await expect(
    page.getByRole("figure", { name: "Connections created per day, last 30 days" }),
  ).toBeVisible();
  // Screen readers get the table while the chart shows; everyone gets it with one button.
  await expect(executions.getByRole("table")).toHaveCount(1);
  await executions.getByRole("button", { name: "Show as table" }).click();
  const region = executions.getByRole("region", { name: "Executions per hour, last 24 hours" });
  await expect(region).toBeVisible();
  await expect(region.getByRole("row").filter({ hasText: "%" }).first()).toBeVisible();
  await screenshot(page, "overview-executions-as-table");
  const result = await new AxeBuilder({ page })
    .include("main")
    .withTags(["wcag2a", "wcag2aa"])
    .analyze();
  const serious = result.violations.filter((v) => ["serious", "critical"].includes(v.impact ?? ""));
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await executions.getByRole("button", { name: "Show as chart" }).click();
  await expect(region).toBeHidden();
  await page.context().close();
});

test("a11y – sign-in", async ({ page }) => {
  await audit(page, "a11y-sign-in", "/sign-in");
});

test("a11y – connect page /link/<token>", async ({ page }) => {
  expect(data.linkUrl.startsWith(`${BASE_URL}/link/`)).toBe(true);
  await audit(page, "a11y-link", new URL(data.linkUrl).pathname);
  await expect(page.getByRole("button", { name: /Continue to Sandbox/ })).toBeVisible();
});

test("a11y – connect done /link/done", async ({ page }) => {
  await audit(page, "a11y-link-done", "/link/done?status=success");
  await audit(page, "a11y-link-done-failed", "/link/done?status=failed&error=access_denied");
});

test("the header's search box: '/' focuses it and Enter opens the results page", async ({
  browser,
}) => {
  const page = await adminPage(browser);
  const box = page.getByRole("combobox", { name: /Search entities, connections/ });
  await page.keyboard.press("/");
  await expect(box).toBeFocused();
  await box.fill(ENTITY.slice(0, 10));
  const option = page.getByRole("option", { name: new RegExp(ENTITY) });
  await expect(option).toBeVisible();
  await screenshot(page, "global-search-suggestions");
  await box.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${ENTITY.slice(0, 10)}`));
  await expect(page.getByRole("link", { name: ENTITY })).toBeVisible();
  await page.context().close();
});
