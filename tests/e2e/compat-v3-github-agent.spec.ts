// The agent path of @composio/core 0.19.0 for GitHub, unchanged (issue 18 item 2): an auth config
// made through the SDK (a GitHub Enterprise-style override onto stand-ins), the end user connects
// in Chromium through GitHub's OAuth web flow, then `tools.get` → a model's tool call →
// `tools.execute`. GitHub's API is Prism serving GitHub's official description behind a recorder,
// its OAuth flow a strict stand-in (tests/support/github-oauth.ts). Overrides onto loopback are
// accepted only because the e2e server allows loopback egress, as development does. Last, an agent
// over MCP (meta mode) searches GitHub's tools and executes one on the same connection (issue 12).
process.env.TELEMETRY_DISABLED = "true";
process.env.COMPOSIO_LOG_LEVEL ??= "warn";
process.env.COMPOSIO_LOGGING_LEVEL ??= "warn";
import { Ajv } from "ajv";
import { expect, test } from "@playwright/test";
import type { Composio as ComposioClient } from "@composio/core";
import { BASE_URL, BOOTSTRAP_KEY, errorText, freshUser, rejection } from "../support/e2e/compat";
import { startGitHubOAuthStandIn, type GitHubOAuthStandIn } from "../support/github-oauth";
import { startGitHubStandIn, type GitHubStandIn } from "../support/prism";

const { Composio } = await import("@composio/core");

test.describe.configure({ mode: "serial" });

const CLIENT = { clientId: "Iv1.e2eGitHubClient", clientSecret: "e2e-github-client-secret-0123" };
const RUN = { dangerouslySkipVersionCheck: true } as const;
const user = freshUser("gh_agent");
let api: GitHubStandIn;
let oauth: GitHubOAuthStandIn;
let c: ComposioClient;
let authConfigId = "";
let accountId = "";

test.beforeAll(async () => {
  test.setTimeout(180_000);
  [api, oauth] = await Promise.all([startGitHubStandIn(), startGitHubOAuthStandIn(CLIENT)]);
  c = new Composio({
    apiKey: BOOTSTRAP_KEY,
    baseURL: BASE_URL,
    allowTracking: false,
    disableVersionCheck: true,
  });
});

test.afterAll(async () => {
  await Promise.all([api?.close(), oauth?.close()]);
});

test("@composio/core – a GitHub auth config, and the end user connects through GitHub's OAuth flow", async ({
  browser,
}) => {
  const config = await c.authConfigs.create("github", {
    type: "use_custom_auth",
    authScheme: "OAUTH2",
    name: "GitHub (stand-in)",
    credentials: {
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      authorize_url: oauth.authorizeUrl,
      token_url: oauth.tokenUrl,
      api_base_url: api.origin,
    },
  });
  authConfigId = config.id;
  expect(JSON.stringify(await c.authConfigs.get(authConfigId))).not.toContain(CLIENT.clientSecret);

  const request = await c.connectedAccounts.link(user, authConfigId);
  const endUser = await browser.newContext();
  const page = await endUser.newPage();
  await page.goto(request.redirectUrl!);
  await page.getByRole("button", { name: /Continue to GitHub/ }).click();
  await expect(page.getByRole("heading", { name: "Authorize Keyport" })).toBeVisible();
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByText("Connected", { exact: false }).first()).toBeVisible();
  await endUser.close();

  const active = await request.waitForConnection(60_000);
  accountId = active.id;
  expect(active).toMatchObject({ status: "ACTIVE", toolkit: { slug: "github" } });
  expect(oauth.tokens).toHaveLength(1);
  expect(oauth.refusals).toEqual([]);
  // The upstream identity was read from GitHub's /user with the new token at connect time.
  const identity = api.requests.find((r) => r.path === "/user");
  expect(identity?.headers.authorization).toBe(`Bearer ${oauth.tokens[0]}`);
  expect(JSON.stringify(await c.connectedAccounts.get(accountId))).not.toContain(oauth.tokens[0]!);
});

test("@composio/core – tools.get → the model's tool call → tools.execute, for GitHub", async () => {
  test.setTimeout(120_000);
  // What an agent hands its model: GitHub's tools in the OpenAI function shape.
  const tools = (await c.tools.get(user, { toolkits: ["github"], limit: 2000 })) as Array<{
    type: "function";
    function: { name: string; description?: string; parameters: Record<string, unknown> };
  }>;
  expect(tools.length).toBeGreaterThan(1000);
  const createIssue = tools.find((t) => t.function.name === "GITHUB_CREATE_AN_ISSUE");
  expect(createIssue?.function.description?.length ?? 0).toBeGreaterThan(10);

  // The model's answer: a tool call whose arguments must satisfy the schema it was given.
  const call = {
    name: createIssue!.function.name,
    arguments: JSON.stringify({
      owner: "octo-org",
      repo: "hello",
      title: "Agent found a bug",
      body: "Written by an agent through Keyport",
      labels: ["bug"],
    }),
  };
  const args = JSON.parse(call.arguments) as Record<string, unknown>;
  const validate = new Ajv({ strict: false, validateFormats: false }).compile(
    createIssue!.function.parameters,
  );
  expect(validate(args), JSON.stringify(validate.errors)).toBe(true);

  const before = api.requests.length;
  const result = await c.tools.execute(call.name, { userId: user, arguments: args, ...RUN });
  expect(result.successful, JSON.stringify(result.error)).toBe(true);
  expect(result.error).toBeNull();
  expect(typeof (result.data as { number?: unknown }).number).toBe("number");
  const sent = api.requests.slice(before);
  expect(sent).toHaveLength(1);
  expect([sent[0]!.method, sent[0]!.path]).toEqual(["POST", "/repos/octo-org/hello/issues"]);
  // owner and repo are path parameters; the rest is the JSON body.
  const { owner: _owner, repo: _repo, ...body } = args;
  expect(JSON.parse(sent[0]!.body)).toEqual(body);
  expect(sent[0]!.headers.authorization).toBe(`Bearer ${oauth.tokens[0]}`);

  // A tool whose GitHub response is an array answers in its object-rooted output schema.
  const raw = await c.tools.getRawComposioToolBySlug("GITHUB_LIST_REPOSITORY_ISSUES");
  const listed = await c.tools.execute("GITHUB_LIST_REPOSITORY_ISSUES", {
    connectedAccountId: accountId,
    arguments: { owner: "octo-org", repo: "hello", state: "open", per_page: 5 },
    ...RUN,
  });
  expect(listed.successful, JSON.stringify(listed.error)).toBe(true);
  const check = new Ajv({ strict: false, validateFormats: false }).compile(
    raw.outputParameters as object,
  );
  expect(check(listed.data), JSON.stringify(check.errors)).toBe(true);
  expect(Array.isArray((listed.data as { items?: unknown }).items)).toBe(true);
  const listCall = new URL(api.requests.at(-1)!.path, "http://x");
  expect(listCall.pathname).toBe("/repos/octo-org/hello/issues");
  expect(listCall.searchParams.get("per_page")).toBe("5");

  // Arguments the schema refuses never reach GitHub, and the model is told why.
  const sentBefore = api.requests.length;
  const refused = errorText(
    await rejection(
      c.tools.execute(call.name, { userId: user, arguments: { owner: "octo-org" }, ...RUN }),
    ),
  );
  expect(refused).toMatch(/repo: is required|title: is required/);
  expect(api.requests.length).toBe(sentBefore);
});

test("an agent over MCP in meta mode: search GitHub's tools, get a schema, execute on the connection", async ({
  request,
}) => {
  const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
  const { StreamableHTTPClientTransport } =
    await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
  const minted = await request.post("/api/v3.1/tool_router/session", {
    headers: { "x-api-key": BOOTSTRAP_KEY },
    data: { user_id: user, toolkits: ["github"] },
  });
  expect(minted.status(), await minted.text()).toBe(201);
  const session = (await minted.json()) as { mcp: { url: string }; token: string; mode: string };
  expect(session.mode).toBe("meta"); // ~1,200 tools: too many to list one by one
  const client = new Client({ name: "e2e-github-agent", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(session.mcp.url), {
      requestInit: { headers: { authorization: `Bearer ${session.token}` } },
    }),
  );
  try {
    const found = await client.callTool({
      name: "KEYPORT_SEARCH_TOOLS",
      arguments: { query: "create an issue", toolkits: ["github"] },
    });
    const hits = (found.structuredContent as { tools: { tool_slug: string }[] }).tools;
    expect(hits.slice(0, 5).map((h) => h.tool_slug)).toContain("GITHUB_CREATE_AN_ISSUE");
    const schemas = await client.callTool({
      name: "KEYPORT_GET_TOOL_SCHEMAS",
      arguments: { tools: ["GITHUB_CREATE_AN_ISSUE"] },
    });
    const schema = (schemas.structuredContent as { tools: { input_schema: object }[] }).tools[0]!
      .input_schema;
    const args = { owner: "octo-org", repo: "hello", title: "Filed over MCP" };
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(schema);
    expect(validate(args), JSON.stringify(validate.errors)).toBe(true);
    const before = api.requests.length;
    const run = await client.callTool({
      name: "KEYPORT_MULTI_EXECUTE_TOOL",
      arguments: { tools: [{ tool_slug: "GITHUB_CREATE_AN_ISSUE", arguments: args }] },
    });
    const results = (run.structuredContent as { results: { successful: boolean }[] }).results;
    expect(results.map((r) => r.successful)).toEqual([true]);
    const sent = api.requests.slice(before);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /repos/octo-org/hello/issues"]);
    expect(JSON.parse(sent[0]!.body)).toEqual({ title: "Filed over MCP" });
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${oauth.tokens[0]}`);
  } finally {
    await client.close();
  }
});
