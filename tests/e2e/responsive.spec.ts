// Responsive: every dashboard page at 1024×768 (a laptop), 768×1024 (a tablet) and 390×844 (a
// phone) with data in its tables and charts. No sideways scrolling of the page (a wide table
// scrolls inside its own focusable region), the header and the page's h1 visible, search and the
// account menu on screen, no heading or label spilling out of its box. At 1024 px the navigation
// is a sidebar with nothing under it; narrower, it folds behind the header's Menu button and
// opens over the page. Each page is saved as test-results/screenshots/<width>-<name>.png.
import { expect, test, type BrowserContextOptions, type Page } from "@playwright/test";
import { ADMIN } from "../support/e2e-env";
import { screenshot, settled, sidewaysOverflow, signIn, unique } from "../support/e2e/dashboard";
import { DASHBOARD_PAGES, seedDashboard, type DashboardData } from "../support/e2e/seed";

// Not serial: one page's failure must not hide the next page's.
test.describe.configure({ mode: "default" });

const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
];
const ADMIN_NAME = "Admin";
const ENTITY = unique("responsive_entity").replace(/-/g, "_");
let data: DashboardData;
let session: BrowserContextOptions["storageState"];

test.beforeAll(async ({ request, browser }) => {
  data = await seedDashboard({ request, browser }, ENTITY);
  const context = await browser.newContext({ viewport: VIEWPORTS[0] });
  await signIn(await context.newPage(), ADMIN.email, ADMIN.password);
  session = await context.storageState();
  await context.close();
});

/** The header's parts a phone user needs are inside the viewport, not pushed off its right edge. */
async function expectOnScreen(page: Page, width: number) {
  const parts = {
    search: page.getByRole("combobox", { name: /Search entities/ }),
    account: page.getByRole("banner").getByRole("button", { name: ADMIN_NAME }),
    theme: page.getByRole("button", { name: "Dark mode" }),
  };
  for (const [what, locator] of Object.entries(parts)) {
    await expect(locator, what).toBeVisible();
    const box = (await locator.boundingBox())!;
    expect(box.x, `${what} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${what} ends on screen`).toBeLessThanOrEqual(width + 1);
  }
}

for (const viewport of VIEWPORTS) {
  const wide = viewport.width >= 1024;
  for (const [name, path] of DASHBOARD_PAGES) {
    test(`${viewport.width} px – ${name}: no sideways scrolling, navigation, search and heading reachable`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ viewport, storageState: session });
      const page = await context.newPage();
      const res = await page.goto(path(data));
      expect(res?.status(), `${path(data)} answers`).toBeLessThan(400);
      await settled(page);

      const nav = page.getByRole("navigation", { name: "Main" });
      const main = page.getByRole("main");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("banner")).toBeVisible();
      await expectOnScreen(page, viewport.width);

      const found = await sidewaysOverflow(page);
      expect(found.scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(
        found.clientWidth + 1,
      );
      expect(found.unreachable, "boxes that scroll sideways but take no focus").toEqual([]);
      expect(found.spilling, "text wider than its box").toEqual([]);

      const menu = page.getByRole("button", { name: "Menu" });
      if (wide) {
        // The main column starts right of the sidebar, and so does the top bar.
        await expect(nav).toBeVisible();
        await expect(menu).toBeHidden();
        const navBox = (await nav.boundingBox())!;
        const navRight = navBox.x + navBox.width;
        expect((await main.boundingBox())!.x).toBeGreaterThanOrEqual(navRight - 1);
        expect((await page.getByRole("banner").boundingBox())!.x).toBeGreaterThanOrEqual(
          navRight - 1,
        );
      } else {
        // Folded: the page gets the whole width; Menu opens the navigation, Escape closes it.
        await expect(nav).toBeHidden();
        expect((await main.boundingBox())!.x).toBeLessThan(1);
        await screenshot(page, `${viewport.width}-${name}`);
        await menu.click();
        await expect(menu).toHaveAttribute("aria-expanded", "true");
        await expect(nav).toBeVisible();
        await expect(nav.getByRole("link", { name: "Logs" })).toBeInViewport();
        await page.keyboard.press("Escape");
        await expect(nav).toBeHidden();
        await expect(menu).toBeFocused();
      }
      if (wide) await screenshot(page, `${viewport.width}-${name}`);
      await context.close();
    });
  }
}

test("390 px – following a link in the folded navigation opens that page and closes the menu", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: VIEWPORTS[2], storageState: session });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Logs" }).click();
  await expect(page).toHaveURL(/\/logs$/);
  await expect(page.getByRole("heading", { level: 1, name: "Logs" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await context.close();
});
