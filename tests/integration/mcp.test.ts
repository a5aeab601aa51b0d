// MCP sessions end to end through the real endpoint handler (lib/mcp/endpoint.ts) with the official
// clients of both protocol eras — @modelcontextprotocol/sdk 1.x (2025-11-25) and
// @modelcontextprotocol/client 2.x pinned to the stateless 2026-07-28 revision — over a real
// database and the real sandbox provider. The clients' fetch is the handler itself.
import {
  Client as ClientV2,
  StreamableHTTPClientTransport as TransportV2,
} from "@modelcontextprotocol/client";
import { Client as ClientV1 } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport as TransportV1 } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/core/api-keys";
import { beginAuthorization, completeCallback } from "@/lib/core/connect-flow";
import { systemActor, type Deps } from "@/lib/core/deps";
import { listExecutions } from "@/lib/core/executions";
import { createIntegration } from "@/lib/core/integrations";
import { openLink } from "@/lib/core/link-context";
import { createProject } from "@/lib/core/projects";
import { createToolSession, revokeToolSession } from "@/lib/core/tool-sessions";
import { randomToken } from "@/lib/crypto";
import { createMcpEndpoint } from "@/lib/mcp/endpoint";
import { META_TOOLS } from "@/lib/mcp/tools";
import { mcpUrl } from "@/lib/mcp/url";
import type { Sandbox } from "@/lib/sandbox";
import { openTestDb, testDeps, type TestDb } from "../support/db";
import { authorizeAtProvider, connectAtSandbox } from "../support/oauth-browser";
import { startTestSandbox } from "../support/sandbox";

const CLIENT_SECRET = `cs_mcp_${randomToken(12)}`;
const actor = systemActor;
let sandbox: Sandbox;
let handle: TestDb;
let deps: Deps;
let projectId: string;
let otherProjectKey: string;
let projectKey: string;
let integrationId: string;
let serve: (req: Request) => Promise<Response>;

const fetchVia = (input: string | URL | Request, init?: RequestInit) =>
  serve(input instanceof Request ? input : new Request(input, init));

type Era = "v1" | "v2";

async function connectClient(era: Era, sessionId: string, token: string, urlElicitation = false) {
  const url = new URL(mcpUrl(deps.publicUrl, sessionId));
  const requestInit = { headers: { authorization: `Bearer ${token}` } };
  const capabilities = urlElicitation ? { elicitation: { url: {} } } : {};
  if (era === "v1") {
    const client = new ClientV1({ name: "test-v1", version: "1.0.0" }, { capabilities });
    await client.connect(new TransportV1(url, { requestInit, fetch: fetchVia }));
    return client;
  }
  const client = new ClientV2(
    { name: "test-v2", version: "2.0.0" },
    { capabilities, versionNegotiation: { mode: { pin: "2026-07-28" } } },
  );
  await client.connect(new TransportV2(url, { requestInit, fetch: fetchVia }));
  return client;
}

async function mint(userId: string, opts: Partial<Parameters<typeof createToolSession>[1]> = {}) {
  return createToolSession(deps, { projectId, userId, actor, toolkits: ["sandbox"], ...opts });
}

const post = (sessionId: string, body: unknown, headers: Record<string, string> = {}) =>
  serve(
    new Request(mcpUrl(deps.publicUrl, sessionId), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        ...headers,
      },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

const initialize = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-11-25",
    capabilities: {},
    clientInfo: { name: "raw", version: "1" },
  },
};

beforeAll(async () => {
  handle = await openTestDb();
  sandbox = await startTestSandbox({ clientSecret: CLIENT_SECRET });
  deps = testDeps(handle, { sandboxOrigin: sandbox.issuer });
  serve = createMcpEndpoint(() => Promise.resolve(deps));
  projectId = (await createProject(deps, { name: "MCP", actor })).id;
  const other = (await createProject(deps, { name: "Other", actor })).id;
  projectKey = (await createApiKey(deps, { projectId, name: "mcp", actor })).key;
  otherProjectKey = (await createApiKey(deps, { projectId: other, name: "other", actor })).key;
  integrationId = (
    await createIntegration(deps, {
      projectId,
      appKey: "sandbox",
      clientId: "keyport",
      clientSecret: CLIENT_SECRET,
      actor,
    })
  ).id;
  await connectAtSandbox(deps, {
    projectId,
    userId: "mcp_alice",
    integrationId,
    username: "alice",
  });
});

afterAll(async () => {
  await sandbox?.close();
  await handle?.close();
});

describe.each(["v1", "v2"] as const)("MCP with the %s client", (era) => {
  it("lists a small session's tools directly and calls one, recorded as mcp with the session", async () => {
    const { session, token } = await mint("mcp_alice");
    expect(session.mode).toBe("direct");
    expect(token).toMatch(/^kps_[\w-]{32}$/);
    const client = await connectClient(era, session.id, token);
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toContain("SANDBOX_CREATE_A_NOTE");
    expect(names.length).toBe(session.toolCount);
    for (const tool of tools) {
      expect(tool.name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      expect(tool.inputSchema.type).toBe("object");
    }
    const created = await client.callTool({
      name: "SANDBOX_CREATE_A_NOTE",
      arguments: { title: `from ${era}`, body: "over MCP" },
    });
    expect(created.isError ?? false).toBe(false);
    const note = created.structuredContent as { id: string; title: string };
    expect(note.title).toBe(`from ${era}`);
    expect(JSON.parse((created.content as { text: string }[])[0]!.text)).toEqual(note);
    await client.close();

    const log = await listExecutions(deps, { projectId, limit: 5 });
    const row = log.items.find(
      (r) => r.action === "SANDBOX_CREATE_A_NOTE" && r.sessionId === session.id,
    );
    expect(row?.source).toBe("mcp");
    expect(row?.outcome).toBe("success");
  });

  it("gives a readable tool error for wrong arguments and a JSON-RPC error for an unknown tool", async () => {
    const { session, token } = await mint("mcp_alice");
    const client = await connectClient(era, session.id, token);
    const bad = await client.callTool({ name: "SANDBOX_CREATE_A_NOTE", arguments: { title: 42 } });
    expect(bad.isError).toBe(true);
    expect((bad.content as { text: string }[])[0]!.text).toMatch(/title: must be string/);
    await expect(
      client.callTool({ name: "GITHUB_GET_A_REPOSITORY", arguments: {} }),
    ).rejects.toThrow(/Unknown tool: GITHUB_GET_A_REPOSITORY/);
    await client.close();
  });

  it("meta mode: searches, gets schemas and executes", async () => {
    const { session, token } = await mint("mcp_alice", { toolkits: ["sandbox", "github"] });
    expect(session.mode).toBe("meta");
    const client = await connectClient(era, session.id, token);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(Object.values(META_TOOLS).sort());
    const found = await client.callTool({
      name: META_TOOLS.search,
      arguments: { query: "create note", toolkits: ["sandbox"] },
    });
    const hits = (found.structuredContent as { tools: { tool_slug: string }[] }).tools;
    expect(hits[0]?.tool_slug).toBe("SANDBOX_CREATE_A_NOTE");
    const schemas = await client.callTool({
      name: META_TOOLS.schemas,
      arguments: { tools: ["SANDBOX_CREATE_A_NOTE"] },
    });
    const schema = (
      schemas.structuredContent as { tools: { input_schema: { required?: string[] } }[] }
    ).tools[0]!.input_schema;
    expect(schema.required).toContain("title");
    const run = await client.callTool({
      name: META_TOOLS.execute,
      arguments: {
        tools: [
          { tool_slug: "SANDBOX_CREATE_A_NOTE", arguments: { title: "meta one" } },
          { tool_slug: "SANDBOX_LIST_NOTES", arguments: {} },
        ],
      },
    });
    const results = (run.structuredContent as { results: { successful: boolean }[] }).results;
    expect(results.map((r) => r.successful)).toEqual([true, true]);
    await client.close();
  });

  it("a missing connection: a tool error with a link, or -32042 for a URL-elicitation client; the call succeeds after connecting", async () => {
    const user = `mcp_new_${era}`;
    const { session, token } = await mint(user);
    const plain = await connectClient(era, session.id, token);
    const refused = await plain.callTool({ name: "SANDBOX_LIST_NOTES", arguments: {} });
    expect(refused.isError).toBe(true);
    const text = (refused.content as { text: string }[])[0]!.text;
    expect(text).toMatch(/has no active connection for app "sandbox"/);
    expect(text).toMatch(new RegExp(`${deps.publicUrl}/link/[\\w-]+`));
    await plain.close();

    // The end user opens the link and connects at the provider.
    const connectThrough = async (url: string) => {
      const linkToken = /\/link\/([\w-]+)$/.exec(url)?.[1];
      expect(linkToken).toMatch(/^[\w-]{20,}$/);
      const ctx = await openLink(deps, linkToken!);
      const binding = randomToken(16);
      const callback = await authorizeAtProvider(await beginAuthorization(deps, ctx, binding), {
        username: "bob",
      });
      await completeCallback(deps, callback.searchParams, binding);
    };
    const eliciting = await connectClient(era, session.id, token, true);
    if (era === "v1") {
      // 2025-11-25: the call fails with -32042 carrying the URL; the client retries after.
      const err = await eliciting.callTool({ name: "SANDBOX_LIST_NOTES", arguments: {} }).then(
        () => null,
        (e: unknown) => e as { code?: number; data?: { elicitations?: { url: string }[] } },
      );
      expect(err?.code).toBe(-32042);
      await connectThrough(err?.data?.elicitations?.[0]?.url ?? "");
    } else {
      // 2026-07-28: an input_required result; the client's elicitation handler runs, then the
      // SDK retries the call with the answer, which now finds the connection.
      const asked: string[] = [];
      (eliciting as ClientV2).setRequestHandler("elicitation/create", async (request) => {
        const params = request.params as { mode?: string; url?: string };
        expect(params.mode).toBe("url");
        asked.push(params.url ?? "");
        await connectThrough(params.url ?? "");
        return { action: "accept" };
      });
      const done = await eliciting.callTool({ name: "SANDBOX_LIST_NOTES", arguments: {} });
      expect(asked).toHaveLength(1);
      expect(done.isError ?? false).toBe(false);
    }
    const ok = await eliciting.callTool({ name: "SANDBOX_LIST_NOTES", arguments: {} });
    expect(ok.isError ?? false).toBe(false);
    await eliciting.close();
  });
});

describe("MCP endpoint refusals", () => {
  it("accepts the project's x-api-key (Composio's SDK) and refuses another project's key with a 404", async () => {
    const { session } = await mint("mcp_alice");
    const ok = await post(session.id, initialize, { "x-api-key": projectKey });
    expect(ok.status).toBe(200);
    const foreign = await post(session.id, initialize, { "x-api-key": otherProjectKey });
    expect(foreign.status).toBe(404);
  });

  it("401 with WWW-Authenticate for a revoked, an expired or a wrong token", async () => {
    const { session, token } = await mint("mcp_alice");
    await revokeToolSession(deps, { projectId, id: session.id });
    const revoked = await post(session.id, initialize, { authorization: `Bearer ${token}` });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(await revoked.text()).toMatch(/revoked/);

    const fresh = await mint("mcp_alice", { ttlSeconds: 60 });
    const { toolSessions } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    await deps.db
      .update(toolSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(toolSessions.id, fresh.session.id));
    const expired = await post(fresh.session.id, initialize, {
      authorization: `Bearer ${fresh.token}`,
    });
    expect(expired.status).toBe(401);
    expect(await expired.text()).toMatch(/expired/);

    const wrong = await post(session.id, initialize, {
      authorization: `Bearer kps_${"x".repeat(32)}`,
    });
    expect(wrong.status).toBe(401);
    const none = await post(session.id, initialize);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer /);
  });

  it("another session's token is a 404 for this session's URL", async () => {
    const a = await mint("mcp_alice");
    const b = await mint("mcp_alice");
    const res = await post(a.session.id, initialize, { authorization: `Bearer ${b.token}` });
    expect(res.status).toBe(404);
  });

  it("a 2025-era request is answered as one JSON body, not an event stream", async () => {
    const { session, token } = await mint("mcp_alice");
    const res = await post(
      session.id,
      { jsonrpc: "2.0", id: 7, method: "tools/list", params: {} },
      { authorization: `Bearer ${token}`, "mcp-protocol-version": "2025-11-25" },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as { id: number; result: { tools: Array<{ name: string }> } };
    expect(body.id).toBe(7);
    expect(body.result.tools.length).toBeGreaterThan(0);
  });

  it("403 for a foreign Origin; bad JSON, unknown methods and oversized bodies get JSON-RPC errors", async () => {
    const { session, token } = await mint("mcp_alice");
    const auth = { authorization: `Bearer ${token}` };
    const evil = await post(session.id, initialize, { ...auth, origin: "http://evil.example" });
    expect(evil.status).toBe(403);
    const same = await post(session.id, initialize, {
      ...auth,
      origin: new URL(deps.publicUrl).origin,
    });
    expect(same.status).toBe(200);

    const garbled = await post(session.id, "{not json", auth);
    expect(garbled.status).toBe(400);
    expect(((await garbled.json()) as { error: { code: number } }).error.code).toBe(-32700);

    const unknown = await post(
      session.id,
      { jsonrpc: "2.0", id: 2, method: "no/such", params: {} },
      auth,
    );
    expect(unknown.status).toBeLessThan(500);
    // Streamable HTTP lets the server answer as JSON or as an SSE stream (the client accepts both).
    const unknownText = await unknown.text();
    const unknownJson = /^data: (.*)$/m.exec(unknownText)?.[1] ?? unknownText;
    expect((JSON.parse(unknownJson) as { error: { code: number } }).error.code).toBe(-32601);

    const huge = await post(session.id, { ...initialize, padding: "x".repeat(1_100_000) }, auth);
    expect(huge.status).toBe(413);

    // NUL cannot reach Postgres (it refuses it in text): in the session id or anywhere in the body.
    const badEscape = await serve(
      new Request(`${deps.publicUrl}/api/tool_router/trs_%E0%A4%A/mcp`, {
        method: "POST",
        headers: { "content-type": "application/json", ...auth },
        body: JSON.stringify(initialize),
      }),
    );
    expect(badEscape.status).toBe(400);
    const nulId = await post("trs_\u0000", initialize, auth);
    expect(nulId.status).toBe(400);
    expect(await nulId.text()).toMatch(/control characters/);
    const nulArgs = await post(
      session.id,
      {
        ...initialize,
        params: { ...initialize.params, clientInfo: { name: "n\u0000ul", version: "1" } },
      },
      auth,
    );
    expect(nulArgs.status).toBe(400);
    expect(((await nulArgs.json()) as { error: { message: string } }).error.message).toMatch(/NUL/);
  });
});
