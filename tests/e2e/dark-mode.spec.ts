// Dark mode: the dashboard follows `prefers-color-scheme` before its first paint (no white flash),
// the header's toggle overrides it and the choice survives a reload; in the dark every dashboard
// page passes axe's WCAG 2 AA checks (contrast included) with no serious or critical violation.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN } from "../support/e2e-env";
import { screenshot, settled, signIn, unique } from "../support/e2e/dashboard";
import { DASHBOARD_PAGES, seedDashboard, type DashboardData } from "../support/e2e/seed";

test.describe.configure({ mode: "default" });

const ENTITY = unique("dark_entity").replace(/-/g, "_");
let data: DashboardData;

test.beforeAll(async ({ request, browser }) => {
  data = await seedDashboard({ request, browser }, ENTITY);
});

/** The theme the html element had when the body first appeared (before anything was painted). */
async function recordFirstPaintTheme(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __themeAtBody?: string };
    const seen = () => {
      if (document.body && w.__themeAtBody === undefined) {
        w.__themeAtBody = document.documentElement.dataset.theme ?? "none";
      }
    };
    new MutationObserver(seen).observe(document, { childList: true, subtree: true });
  });
}

const themeAtBody = (page: Page) =>
  page.evaluate(() => (window as unknown as { __themeAtBody?: string }).__themeAtBody);

/** Relative luminance of the body's computed background (the canvas draws it in sRGB). */
function bodyLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const g = canvas.getContext("2d")!;
    g.fillStyle = getComputedStyle(document.body).backgroundColor;
    g.fillRect(0, 0, 1, 1);
    const [r, gr, b] = [...g.getImageData(0, 0, 1, 1).data].map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * gr! + 0.0722 * b!;
  });
}

test("prefers-color-scheme: dark is honoured before the first paint; the toggle overrides it and is remembered", async ({
  browser,
}) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
  await recordFirstPaintTheme(page);
  await page.goto("/connections");
  expect(await themeAtBody(page), "dark before the body was parsed").toBe("dark");
  expect(await bodyLuminance(page)).toBeLessThan(0.05);

  const toggle = page.getByRole("button", { name: "Dark mode" });
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await toggle.click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  expect(await bodyLuminance(page)).toBeGreaterThan(0.8);

  // Remembered across a reload, and decided before the first paint again.
  await page.reload();
  expect(await themeAtBody(page)).toBe("light");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");

  // Back to dark by hand while the system says light: the choice wins over the system.
  await page.emulateMedia({ colorScheme: "light" });
  await toggle.click();
  await page.reload();
  expect(await themeAtBody(page)).toBe("dark");
  expect(await bodyLuminance(page)).toBeLessThan(0.05);
  await context.close();
});

test("with nothing chosen the page follows the system when it changes", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "light" });
  const page = await context.newPage();
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("button", { name: "Dark mode" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await context.close();
});

for (const [name, path] of DASHBOARD_PAGES) {
  test(`dark – ${name}: no serious or critical axe violation (contrast included)`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme: "dark" });
    const page = await context.newPage();
    await signIn(page, ADMIN.email, ADMIN.password);
    const res = await page.goto(path(data));
    expect(res?.status(), `${path(data)} answers`).toBeLessThan(400);
    await settled(page);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    const serious = result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target).join(", ")}`);
    await screenshot(page, `dark-${name}`);
    expect(serious, `serious or critical axe violations on ${path(data)} in the dark`).toEqual([]);
    await context.close();
  });
}
