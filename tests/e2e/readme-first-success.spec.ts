// README.md's "First connection in two minutes", followed exactly as written: its bash blocks are
// pasted into one terminal and its browser steps clicked by the names the README gives, with only
// the documented placeholders (URL, API key, user id) replaced. Change the README and this follows.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN, BASE_URL, BOOTSTRAP_KEY, E2E_SANDBOX_PORT } from "../support/e2e-env";
import { signIn, unique } from "../support/e2e/dashboard";
import { codeBlocks, numberedSteps, readmeSection, substitute, Terminal } from "../support/readme";

test.describe.configure({ mode: "serial" });

const SECTION = readmeSection("First connection in two minutes");
const USER = unique("user_readme").replace(/-/g, "_");
const PLACEHOLDERS = {
  "http://localhost:3000": BASE_URL,
  kp_live_paste_your_key_here: BOOTSTRAP_KEY,
  user_1: USER,
};

/** The words a step puts in bold (the buttons and headings it names). */
const bold = (step: string) => [...step.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]!);

test("the README's first connection: link, open it, create a note, see it in Logs", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const steps = numberedSteps(SECTION);
  expect(steps, "five numbered steps").toHaveLength(5);
  const [, linkStep, browserStep, executeStep, logsStep] = steps.map((s) =>
    substitute(s, PLACEHOLDERS),
  ) as [string, string, string, string, string];
  const bash = (step: string) =>
    codeBlocks(step)
      .filter((b) => b.lang === "bash")
      .map((b) => b.code);
  const terminal = new Terminal(fs.mkdtempSync(path.join(os.tmpdir(), "keyport-readme-")));
  try {
    // 1. The variables (the key is the bootstrap key the e2e server registers).
    for (const code of bash(steps[0]!)) {
      expect((await terminal.paste(substitute(code, PLACEHOLDERS))).status).toBe(0);
    }

    // 2. The connect link.
    const [linkCode] = bash(linkStep);
    const link = await terminal.paste(linkCode!);
    expect(link.status, terminal.stderr).toBe(0);
    const answer = JSON.parse(link.stdout.trim()) as { redirect_url: string };
    expect(answer.redirect_url.startsWith(`${BASE_URL}/link/`), link.stdout).toBe(true);

    // 3. The end user's browser, which can reach Keyport's origin only (never the sandbox's port).
    const context = await browser.newContext();
    const sandboxRequests: string[] = [];
    await context.route(
      (url) => url.port === String(E2E_SANDBOX_PORT),
      (route) => {
        sandboxRequests.push(route.request().url());
        return route.abort("addressunreachable");
      },
    );
    const page = await context.newPage();
    const [continueButton, allowButton, outcome] = bold(browserStep);
    expect([continueButton, allowButton, outcome]).toEqual([
      "Continue to Sandbox",
      "Allow",
      "Connected",
    ]);
    await page.goto(answer.redirect_url);
    await page.getByRole("button", { name: continueButton }).click();
    await page.getByLabel("Username").fill("readme-reader");
    await page.getByLabel("Password").fill("sandbox");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: allowButton }).click();
    await expect(page.getByRole("heading", { name: outcome, exact: true })).toBeVisible();
    expect(sandboxRequests, "the browser never goes to the sandbox's own port").toEqual([]);

    // 4. The note, created as the user.
    const [executeCode] = bash(executeStep);
    const executed = await terminal.paste(executeCode!);
    expect(executed.status, terminal.stderr).toBe(0);
    const result = JSON.parse(executed.stdout.trim()) as {
      successful: boolean;
      data: { id: string; title: string };
    };
    expect(result.successful, executed.stdout).toBe(true);
    expect(result.data.title).toBe("Hello from Keyport");

    // 5. The run in Logs, at the URL the README gives.
    const logsUrl = /(http:\/\/\S+\/logs\?\S+?)\s/.exec(logsStep)?.[1];
    expect(logsUrl, "step 5 names the Logs URL").toBe(`${BASE_URL}/logs?user=${USER}`);
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.goto(logsUrl!);
    const rows = admin.getByRole("table", { name: "Executions" }).locator("tbody tr");
    await expect(rows.filter({ hasText: "SANDBOX_CREATE_A_NOTE" })).toHaveCount(1);
    await expect(rows.filter({ hasText: "SANDBOX_CREATE_A_NOTE" })).toContainText(/success/i);
    await admin.context().close();
    await context.close();
  } finally {
    terminal.close();
  }
});

test("the README's SDK snippet runs in a fresh `npm init` folder", async () => {
  test.setTimeout(240_000);
  const blocks = codeBlocks(SECTION);
  const setup = blocks.find((b) => b.lang === "bash" && b.code.includes("npm init"));
  const script = blocks.find((b) => b.lang === "js");
  expect(setup, "a bash block that makes the folder").toBeDefined();
  expect(script, "the SDK script").toBeDefined();
  const fileName = /^\/\/ (\S+\.mjs)/.exec(script!.code)?.[1];
  expect(fileName, "the script's first line names its file").toBeDefined();
  const runLine = /run with: (node \S+)/.exec(script!.code)?.[1];
  expect(runLine).toBe(`node ${fileName}`);

  const home = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-readme-sdk-"));
  const terminal = new Terminal(home);
  try {
    // Step 1's variables, then the folder and the install exactly as written.
    const [vars] = codeBlocks(numberedSteps(SECTION)[0]!);
    expect((await terminal.paste(substitute(vars!.code, PLACEHOLDERS))).status).toBe(0);
    const made = await terminal.paste(setup!.code, 200_000);
    expect(made.status, terminal.stderr).toBe(0);
    const folder = (await terminal.paste("pwd")).stdout.trim();
    expect(path.dirname(folder)).toBe(fs.realpathSync(home));
    fs.writeFileSync(path.join(folder, fileName!), substitute(script!.code, PLACEHOLDERS));
    const ran = await terminal.paste(runLine!);
    expect(ran.status, terminal.stderr).toBe(0);
    // The user connected in the test above: the SDK prints the created note.
    expect(ran.stdout).toContain("Hello from the SDK");
  } finally {
    terminal.close();
  }
});
