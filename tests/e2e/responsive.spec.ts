// Responsive: every dashboard page at 1024×768 with data in its tables and charts. No sideways
// scrolling of the page (a wide table scrolls inside its own focusable region), the navigation,
// the header and the page's h1 visible, no heading or label spilling out of its box, nothing
// under the sidebar. Each page is saved as
// test-results/screenshots/1024-<name>.png.
import { expect, test, type BrowserContextOptions, type Page } from "@playwright/test";
import { ADMIN } from "../support/e2e-env";
import { screenshot, settled, signIn, unique } from "../support/e2e/dashboard";
import { DASHBOARD_PAGES, seedDashboard, type DashboardData } from "../support/e2e/seed";

// Not serial: one page's failure must not hide the next page's.
test.describe.configure({ mode: "default" });

const VIEWPORT = { width: 1024, height: 768 };
const ENTITY = unique("responsive_entity").replace(/-/g, "_");
let data: DashboardData;
let session: BrowserContextOptions["storageState"];

test.beforeAll(async ({ request, browser }) => {
  data = await seedDashboard({ request, browser }, ENTITY);
  const context = await browser.newContext({ viewport: VIEWPORT });
  await signIn(await context.newPage(), ADMIN.email, ADMIN.password);
  session = await context.storageState();
  await context.close();
});

/** What overflows sideways: the page, scrolling boxes a keyboard cannot reach, spilling text. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const unreachable = [...document.querySelectorAll<HTMLElement>("main *")]
      .filter((el) => {
        const x = getComputedStyle(el).overflowX;
        return (x === "auto" || x === "scroll") && el.scrollWidth > el.clientWidth + 1;
      })
      .filter((el) => el.tabIndex < 0 && !el.querySelector("a[href], button, input, select"))
      .map((el) => el.outerHTML.slice(0, 120));
    // Text wider than its own box spills over its neighbours (clipped text, e.g. sr-only, does not).
    const spilling = [
      ...document.querySelectorAll<HTMLElement>("main :is(h1, h2, h3, p, dd, label, button)"),
    ]
      .filter((el) => getComputedStyle(el).overflowX === "visible")
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()} "${el.textContent?.trim().slice(0, 40)}"`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, unreachable, spilling };
  });
}

for (const [name, path] of DASHBOARD_PAGES) {
  test(`1024 px – ${name}: no sideways scrolling, navigation and heading visible`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: VIEWPORT, storageState: session });
    const page = await context.newPage();
    const res = await page.goto(path(data));
    expect(res?.status(), `${path(data)} answers`).toBeLessThan(400);
    await settled(page);

    const nav = page.getByRole("navigation", { name: "Main" });
    const main = page.getByRole("main");
    await expect(nav).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("banner")).toBeVisible();
    await expect(page.getByRole("combobox", { name: /Search entities/ })).toBeVisible();

    const found = await overflow(page);
    expect(found.scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(
      found.clientWidth + 1,
    );
    expect(found.unreachable, "boxes that scroll sideways but take no focus").toEqual([]);
    expect(found.spilling, "text wider than its box").toEqual([]);

    // The main column starts right of the sidebar, and so does the top bar.
    const navBox = (await nav.boundingBox())!;
    const navRight = navBox.x + navBox.width;
    expect((await main.boundingBox())!.x).toBeGreaterThanOrEqual(navRight - 1);
    expect((await page.getByRole("banner").boundingBox())!.x).toBeGreaterThanOrEqual(navRight - 1);

    await screenshot(page, `1024-${name}`);
    await context.close();
  });
}
