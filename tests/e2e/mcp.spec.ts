// Agents over MCP against a running Keyport (issue 12): a session minted over HTTP with the
// project's API key, both official MCP clients over real HTTP — @modelcontextprotocol/sdk 1.x
// (2025-11-25) and @modelcontextprotocol/client 2.x pinned to 2026-07-28 — a missing connection
// completed by the end user in Chromium, Origin refusal, revocation, and @composio/core's session flow.
process.env.TELEMETRY_DISABLED = "true";
process.env.COMPOSIO_LOG_LEVEL ??= "warn";
process.env.COMPOSIO_LOGGING_LEVEL ??= "warn";
import {
  Client as ClientV2,
  StreamableHTTPClientTransport as TransportV2,
} from "@modelcontextprotocol/client";
import { Client as ClientV1 } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport as TransportV1 } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { authConfigId, authorizeAtSandbox, createLink, keyHeaders } from "../support/e2e/api";
import { BASE_URL, BOOTSTRAP_KEY, freshUser, noteTitle } from "../support/e2e/compat";
import {
  addActiveOperator,
  createProject,
  signIn,
  switchProject,
  unique,
} from "../support/e2e/dashboard";
import { actionHeaders, serverActions } from "../support/e2e/security";
import { ADMIN } from "../support/e2e-env";
import { codeBlocks, numberedSteps, readmeSection, substitute, Terminal } from "../support/readme";

const { Composio } = await import("@composio/core");

test.describe.configure({ mode: "serial" });

interface MintedSession {
  session_id: string;
  mcp: { type: "http"; url: string };
  token: string;
  mode: "direct" | "meta";
  tool_router_tools: string[];
}

/** POST /api/v3.1/tool_router/session with the project's API key. */
async function mint(request: APIRequestContext, body: Record<string, unknown>) {
  const res = await request.post("/api/v3.1/tool_router/session", {
    headers: keyHeaders(),
    data: body,
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as MintedSession;
}

type Era = "v1" | "v2";

async function connect(
  era: Era,
  url: string,
  headers: Record<string, string>,
  urlElicitation = false,
) {
  const capabilities = urlElicitation ? { elicitation: { url: {} } } : {};
  const requestInit = { headers };
  if (era === "v1") {
    const client = new ClientV1({ name: "e2e-v1", version: "1.0.0" }, { capabilities });
    await client.connect(new TransportV1(new URL(url), { requestInit }));
    return client;
  }
  const client = new ClientV2(
    { name: "e2e-v2", version: "2.0.0" },
    { capabilities, versionNegotiation: { mode: { pin: "2026-07-28" } } },
  );
  await client.connect(new TransportV2(new URL(url), { requestInit }));
  return client;
}

const bearer = (s: MintedSession) => ({ authorization: `Bearer ${s.token}` });
const textOf = (result: object) =>
  (("content" in result ? result.content : []) as { type: string; text?: string }[])
    .map((c) => c.text ?? "")
    .join("\n");

const keyUser = freshUser("mcp_key");

test("a sandbox_key connection for the agent's user (API-key auth, at once)", async ({
  request,
}) => {
  const res = await request.post("/api/v3.1/connected_accounts", {
    headers: keyHeaders(),
    data: {
      auth_config: { id: await authConfigId(request, "sandbox_key") },
      connection: { user_id: keyUser, data: { api_key: "sbx_demo_key" } },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
});

for (const era of ["v1", "v2"] as const) {
  test(`the ${era} client over HTTP: mint with the API key, list tools, call a sandbox tool`, async ({
    request,
  }) => {
    const session = await mint(request, { user_id: keyUser, toolkits: ["sandbox_key"] });
    expect(session.token).toMatch(/^kps_[\w-]{32}$/);
    expect(session.mcp.url).toBe(`${BASE_URL}/api/tool_router/${session.session_id}/mcp`);
    expect(session.mode).toBe("direct");
    const client = await connect(era, session.mcp.url, bearer(session));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("SANDBOX_KEY_CREATE_A_NOTE");
    const title = noteTitle(`mcp ${era}`);
    const created = await client.callTool({
      name: "SANDBOX_KEY_CREATE_A_NOTE",
      arguments: { title },
    });
    expect(created.isError ?? false, textOf(created)).toBe(false);
    expect((created.structuredContent as { title: string }).title).toBe(title);
    await client.close();
  });
}

test("a missing connection: -32042 with a link → the end user connects in Chromium → the same call succeeds", async ({
  request,
  page,
}) => {
  const user = freshUser("mcp_new");
  const session = await mint(request, { user_id: user, toolkits: ["sandbox"] });
  const client = await connect("v1", session.mcp.url, bearer(session), true);
  const refused = await client.callTool({ name: "SANDBOX_LIST_NOTES", arguments: {} }).then(
    () => null,
    (e: unknown) => e as { code?: number; data?: { elicitations?: { url: string }[] } },
  );
  expect(refused?.code).toBe(-32042);
  const link = refused?.data?.elicitations?.[0]?.url ?? "";
  expect(link).toMatch(new RegExp(`^${BASE_URL}/link/[\\w-]+$`));

  await authorizeAtSandbox(page, link, "mcp_bob");
  await expect(page.getByText("Connected", { exact: false }).first()).toBeVisible();

  const ok = await client.callTool({ name: "SANDBOX_LIST_NOTES", arguments: {} });
  expect(ok.isError ?? false, textOf(ok)).toBe(false);
  await client.close();

  // A client without URL elicitation gets the link in a tool error instead.
  const other = await mint(request, { user_id: freshUser("mcp_plain"), toolkits: ["sandbox"] });
  const plain = await connect("v2", other.mcp.url, bearer(other));
  const text = await plain.callTool({ name: "SANDBOX_LIST_NOTES", arguments: {} });
  expect(text.isError).toBe(true);
  expect(textOf(text)).toMatch(new RegExp(`${BASE_URL}/link/[\\w-]+`));
  await plain.close();
});

const initialize = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-11-25",
    capabilities: {},
    clientInfo: { name: "curl", version: "1" },
  },
};
const rpcHeaders = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
};

test("over HTTP: a foreign Origin is a 403, a revoked session a 401 with WWW-Authenticate", async ({
  request,
}) => {
  const session = await mint(request, { user_id: keyUser, toolkits: ["sandbox_key"] });
  const post = (headers: Record<string, string>) =>
    request.post(session.mcp.url, { headers: { ...rpcHeaders, ...headers }, data: initialize });

  const evil = await post({ ...bearer(session), origin: "http://evil.example" });
  expect(evil.status()).toBe(403);
  const same = await post({ ...bearer(session), origin: new URL(BASE_URL).origin });
  expect(same.status()).toBe(200);

  const revoke = await request.delete(`/api/v3.1/tool_router/session/${session.session_id}`, {
    headers: keyHeaders(),
  });
  expect(revoke.status()).toBe(200);
  const revoked = await post(bearer(session));
  expect(revoked.status()).toBe(401);
  expect(revoked.headers()["www-authenticate"]).toMatch(/^Bearer /);
  expect(await revoked.text()).not.toContain(session.token);
});

test("@composio/core 0.19: composio.create(userId, { toolkits, mcp: true }) → an MCP client on session.mcp.url with session.mcp.headers", async () => {
  const composio = new Composio({
    apiKey: BOOTSTRAP_KEY,
    baseURL: BASE_URL,
    allowTracking: false,
    disableVersionCheck: true,
  });
  const session = await composio.create(keyUser, { toolkits: ["sandbox_key"], mcp: true });
  expect(session.mcp.url).toMatch(new RegExp(`^${BASE_URL}/api/tool_router/trs_[\\w-]+/mcp$`));
  expect(session.mcp.headers).toEqual({ "x-api-key": BOOTSTRAP_KEY });
  for (const era of ["v1", "v2"] as const) {
    const client = await connect(
      era,
      session.mcp.url,
      session.mcp.headers as Record<string, string>,
    );
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("SANDBOX_KEY_LIST_NOTES");
    const listed = await client.callTool({ name: "SANDBOX_KEY_LIST_NOTES", arguments: {} });
    expect(listed.isError ?? false, textOf(listed)).toBe(false);
    await client.close();
  }
});

test("the README's Agents (MCP) path, pasted as written: mint with curl, the client config, call a tool", async ({
  request,
  page,
}) => {
  const user = freshUser("user_mcp_readme");
  // The section starts from a user connected to the sandbox (the README's first connection).
  await authorizeAtSandbox(page, (await createLink(request, "sandbox", user)).redirect_url, "amy");
  await expect(page.getByText("Connected", { exact: false }).first()).toBeVisible();

  const placeholders = {
    "http://localhost:3000": BASE_URL,
    kp_live_paste_your_key_here: BOOTSTRAP_KEY,
    user_1: user,
  };
  const steps = numberedSteps(readmeSection("Agents (MCP)"));
  expect(steps, "three numbered steps").toHaveLength(3);
  const blocks = steps.map((s) => codeBlocks(substitute(s, placeholders)));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-readme-mcp-"));
  const terminal = new Terminal(dir);
  try {
    const env = await terminal.paste(`export KEYPORT=${BASE_URL} KEY=${BOOTSTRAP_KEY}`);
    expect(env.status).toBe(0);
    const [mintCode] = blocks[0]!.filter((b) => b.lang === "bash");
    const minted = await terminal.paste(mintCode!.code);
    expect(minted.status, terminal.stderr).toBe(0);
    expect(JSON.parse(minted.stdout.trim()) as { status: string }).toMatchObject({
      status: "ACTIVE",
      mode: "direct",
    });
    const url = (await terminal.paste('printf %s "$MCP_URL"')).stdout;
    expect(url).toMatch(new RegExp(`^${BASE_URL}/api/tool_router/trs_[\\w-]+/mcp$`));

    // The client config is valid JSON of the documented shape.
    const [config] = blocks[1]!.filter((b) => b.lang === "json");
    const parsed = JSON.parse(config!.code) as {
      mcpServers: { keyport: { type: string; headers: Record<string, string> } };
    };
    expect(parsed.mcpServers.keyport.type).toBe("http");
    expect(parsed.mcpServers.keyport.headers.Authorization).toMatch(/^Bearer kps_/);

    const [callCode] = blocks[2]!.filter((b) => b.lang === "bash");
    const called = await terminal.paste(callCode!.code);
    expect(called.status, terminal.stderr).toBe(0);
    // One JSON answer per line (each curl ends its output with a newline).
    const events = called.stdout
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as { id: number; result: Record<string, unknown> });
    expect(events.map((e) => e.id)).toEqual([1, 2]);
    expect(events[0]!.result.protocolVersion).toBe("2025-11-25");
    expect(events[1]!.result.isError ?? false).toBe(false);
    expect(events[1]!.result.structuredContent).toMatchObject({ title: "Hello from an agent" });
  } finally {
    terminal.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The status of an MCP initialize with this token (200 open, 401 revoked). */
async function initializeStatus(request: APIRequestContext, url: string, token: string) {
  const res = await request.post(url, {
    headers: { ...rpcHeaders, authorization: `Bearer ${token}` },
    data: initialize,
  });
  return res.status();
}

for (const width of [390, 1280]) {
  test(`dashboard at ${width} px: Connect an agent mints a session, shows the token once with configs; Revoke makes the URL a 401`, async ({
    browser,
    request,
  }) => {
    const context = await browser.newContext({ baseURL: BASE_URL });
    const page = await context.newPage();
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/entities/${encodeURIComponent(keyUser)}`);
    await page.getByRole("checkbox", { name: "Sandbox (API key)" }).check();
    await page.getByRole("button", { name: "Mint agent session" }).click();
    const minted = page.getByTestId("minted-session");
    await expect(minted).toBeVisible();
    const token = await page.getByLabel("Session token").inputValue();
    expect(token).toMatch(/^kps_[\w-]{32}$/);
    const url = (await minted.getByLabel("MCP URL").textContent())?.trim() ?? "";
    expect(url).toMatch(new RegExp(`^${BASE_URL}/api/tool_router/trs_[\\w-]+/mcp$`));
    const config = JSON.parse(
      (await minted.getByLabel("MCP client config (JSON)").textContent()) ?? "",
    ) as {
      mcpServers: { keyport: { type: string; url: string; headers: Record<string, string> } };
    };
    expect(config.mcpServers.keyport).toEqual({
      type: "http",
      url,
      headers: { Authorization: `Bearer ${token}` },
    });
    await expect(minted.getByLabel("curl")).toContainText("SANDBOX_KEY_");
    expect(await initializeStatus(request, url, token)).toBe(200);
    // No horizontal scrolling of the page at this width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width,
    );

    // The session is listed; a reload never shows the token again.
    const sessionId = /trs_[\w-]+/.exec(url)![0];
    await page.reload();
    const row = page.getByRole("listitem", { name: `Agent session ${sessionId}` });
    await expect(row).toContainText("Active");
    await expect(row).toContainText("sandbox_key");
    await expect(row).toContainText(ADMIN.email);
    expect(await page.content()).not.toContain(token);

    await row.getByRole("button", { name: `Revoke agent session ${sessionId}` }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke this agent session?" });
    await dialog.getByRole("button", { name: "Revoke session" }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText("Revoked");
    expect(await initializeStatus(request, url, token)).toBe(401);
    await context.close();
  });
}

test("dashboard roles and tenancy: a viewer sees sessions but cannot mint or revoke (forged calls too); another project's admin cannot revoke this project's session", async ({
  browser,
  request,
}) => {
  const session = await mint(request, { user_id: keyUser, toolkits: ["sandbox_key"] });
  const action = (name: string) => {
    const found = serverActions().find((a) => a.name === name);
    expect(found, name).toBeTruthy();
    return found!.id;
  };
  const entityPath = `/entities/${encodeURIComponent(keyUser)}`;

  const adminContext = await browser.newContext({ baseURL: BASE_URL });
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  const email = `${unique("mcp-viewer")}@example.com`;
  const password = await addActiveOperator(admin, { email, name: "Vic Viewer", role: "viewer" });

  const viewerContext = await browser.newContext({ baseURL: BASE_URL });
  const viewer = await viewerContext.newPage();
  await signIn(viewer, email, password);
  await viewer.goto(entityPath);
  await expect(
    viewer.getByRole("listitem", { name: `Agent session ${session.session_id}` }),
  ).toContainText("Active");
  await expect(viewer.getByRole("heading", { name: "Connect an agent" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^Revoke agent session/ })).toHaveCount(0);
  for (const [name, args] of [
    ["mintAgentSessionAction", { userId: keyUser, toolkits: ["sandbox_key"] }],
    ["revokeAgentSessionAction", { id: session.session_id }],
  ] as const) {
    const res = await viewer.request.post(entityPath, {
      headers: actionHeaders(action(name), BASE_URL),
      data: JSON.stringify([args]),
    });
    expect(res.status()).toBeLessThan(500);
    const text = await res.text();
    expect(text, name).toContain("Your role does not allow this");
    expect(text).not.toContain("kps_");
  }
  // Cross-site: the same forged call from another origin is refused before the action runs.
  const crossSite = await admin.request.post(entityPath, {
    headers: actionHeaders(action("revokeAgentSessionAction"), "https://evil.example"),
    data: JSON.stringify([{ id: session.session_id }]),
  });
  expect(crossSite.status()).toBeGreaterThanOrEqual(400);
  expect(crossSite.status()).toBeLessThan(500);

  // Project B's admin (same operator, switched to a new project) forging a revoke of A's session.
  await createProject(admin, unique("MCP B"));
  const foreign = await admin.request.post("/", {
    headers: actionHeaders(action("revokeAgentSessionAction"), BASE_URL),
    data: JSON.stringify([{ id: session.session_id }]),
  });
  expect(await foreign.text()).toContain(`Session ${session.session_id} not found`);
  expect(await initializeStatus(request, session.mcp.url, session.token)).toBe(200);
  await switchProject(admin, "Default");
  await viewerContext.close();
  await adminContext.close();
});
