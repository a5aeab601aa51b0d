// Executing actions through the v3.1 API: success, bad input (never a 500), proxy path rules.
import { expect, test } from "@playwright/test";
import { authConfigId, keyHeaders } from "../support/e2e/api";

test.describe.configure({ mode: "serial" });

let connectedAccountId = "";

test("POST /api/v3.1/connected_accounts with an API key connects sandbox_key at once", async ({
  request,
}) => {
  const res = await request.post("/api/v3.1/connected_accounts", {
    headers: keyHeaders(),
    data: {
      auth_config: { id: await authConfigId(request, "sandbox_key") },
      connection: { user_id: "user_api_exec", data: { api_key: "sbx_demo_key" } },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { id: string; status: string };
  expect(body.status).toBe("ACTIVE");
  connectedAccountId = body.id;
  expect(JSON.stringify(body)).not.toContain("sbx_demo_key");
});

test("POST /api/v3.1/tools/execute/{slug} – create and list notes as the user", async ({
  request,
}) => {
  const created = await request.post("/api/v3.1/tools/execute/SANDBOX_KEY_CREATE_A_NOTE", {
    headers: keyHeaders(),
    data: { user_id: "user_api_exec", arguments: { title: "From the API" } },
  });
  expect(created.status()).toBe(200);
  const c = (await created.json()) as {
    successful: boolean;
    data: { id: string };
    log_id: string;
    error: null;
  };
  expect(c.successful).toBe(true);
  expect(c.error).toBeNull();
  expect(c.log_id).toMatch(/^log_/);
  const listed = await request.post("/api/v3.1/tools/execute/SANDBOX_KEY_LIST_NOTES", {
    headers: keyHeaders(),
    data: { connected_account_id: connectedAccountId, arguments: {} },
  });
  const l = (await listed.json()) as { data: { items: Array<{ id: string }> } };
  expect(l.data.items.map((n) => n.id)).toContain(c.data.id);
});

test("bad input is a 4xx with a readable message, never a 500", async ({ request }) => {
  const exec = (slug: string, data: unknown) =>
    request.post(`/api/v3.1/tools/execute/${slug}`, {
      headers: keyHeaders(),
      data: data as object,
    });
  const unknown = await exec("SANDBOX_KEY_NO_SUCH_THING", {
    user_id: "user_api_exec",
    arguments: {},
  });
  expect(unknown.status()).toBe(404);
  expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(
    /not found/,
  );
  const missing = await exec("SANDBOX_KEY_CREATE_A_NOTE", {
    user_id: "user_api_exec",
    arguments: {},
  });
  expect(missing.status()).toBe(400);
  expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(
    /title: is required/,
  );
  const wrongType = await exec("SANDBOX_KEY_CREATE_A_NOTE", {
    user_id: "user_api_exec",
    arguments: { title: ["not", "a", "string"] },
  });
  expect(wrongType.status()).toBe(400);
  const noUser = await exec("SANDBOX_KEY_LIST_NOTES", { arguments: {} });
  expect(noUser.status()).toBe(400);
  expect(((await noUser.json()) as { error: { message: string } }).error.message).toMatch(
    /user_id/,
  );
  const huge = await request.post("/api/v3.1/tools/execute/SANDBOX_KEY_CREATE_A_NOTE", {
    headers: { ...keyHeaders(), "content-type": "application/json" },
    data: JSON.stringify({
      user_id: "user_api_exec",
      arguments: { title: "x", body: "y".repeat(2_000_000) },
    }),
  });
  expect(huge.status()).toBe(413);
  const notJson = await request.post("/api/v3.1/tools/execute/SANDBOX_KEY_LIST_NOTES", {
    headers: { ...keyHeaders(), "content-type": "application/json" },
    data: "{not json",
  });
  expect(notJson.status()).toBe(400);
  const noEntity = await exec("SANDBOX_KEY_LIST_NOTES", {
    user_id: "user_without_connections",
    arguments: {},
  });
  expect(noEntity.status()).toBe(404);
  expect(((await noEntity.json()) as { error: { message: string } }).error.message).toMatch(
    /has no active connection for app "sandbox_key"/,
  );
});

test("proxy: relative paths work; //host, /\\host and absolute URLs are refused", async ({
  request,
}) => {
  const proxy = (endpoint: string) =>
    request.post("/api/v3.1/tools/execute/proxy", {
      headers: keyHeaders(),
      data: { connected_account_id: connectedAccountId, endpoint, method: "GET" },
    });
  const ok = await proxy("/api/me");
  expect(ok.status()).toBe(200);
  expect(((await ok.json()) as { status: number; data: { username: string } }).data.username).toBe(
    "apikey_user",
  );
  for (const bad of ["//evil.example/x", "/\\evil.example/x", "https://evil.example/x"]) {
    const res = await proxy(bad);
    expect(res.status(), bad).toBe(400);
  }
});

test("GET /api/v3.1/tools lists sandbox tools with JSON-Schema input parameters; GET /tools/{slug} returns one", async ({
  request,
}) => {
  const list = await request.get("/api/v3.1/tools?toolkit_slug=sandbox", { headers: keyHeaders() });
  const items = (
    (await list.json()) as { items: Array<{ slug: string; input_parameters: { type: string } }> }
  ).items;
  expect(items.map((t) => t.slug).sort()).toEqual([
    "SANDBOX_CREATE_A_NOTE",
    "SANDBOX_DELETE_A_NOTE",
    "SANDBOX_GET_THE_AUTHENTICATED_USER",
    "SANDBOX_LIST_NOTES",
  ]);
  expect(items.every((t) => t.input_parameters.type === "object")).toBe(true);
  const one = await request.get("/api/v3.1/tools/GITHUB_CREATE_AN_ISSUE", {
    headers: keyHeaders(),
  });
  expect(one.status()).toBe(200);
  const tool = (await one.json()) as {
    input_parameters: { required: string[] };
    toolkit: { slug: string };
  };
  expect(tool.toolkit.slug).toBe("github");
  expect(tool.input_parameters.required).toEqual(
    expect.arrayContaining(["owner", "repo", "title"]),
  );
});
