import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import { BASE_URL } from "./tests/support/e2e-env";

/** A browser: CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's own. */
function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (found) return found;
  if (process.env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`);
  }
  return undefined; // Playwright's own, if installed; it fails with its install hint otherwise.
}

const executablePath = chromiumPath();
if (!executablePath && !process.env.PLAYWRIGHT_OWN_BROWSER) {
  throw new Error(
    "No Chromium found. Install Debian's: `apt-get install -y chromium` (or set CHROMIUM_PATH, or PLAYWRIGHT_OWN_BROWSER=1 after `npx playwright install chromium`).",
  );
}

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  // One retry in CI: 2 cores run the server, the sandbox and Chromium at once; a retried pass is reported as flaky.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  // Traces and failure screenshots; CI runs the PGlite and Postgres legs side by side, each its own.
  outputDir: process.env.E2E_OUTPUT_DIR || "test-results",
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "npx tsx tests/support/e2e-server.ts",
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: !process.env.CI,
    // SIGTERM lets tests/support/e2e-server.ts stop next-server's process group and drop its database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
