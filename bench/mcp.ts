// MCP tools/call beside REST execute (issue 12): the same sandbox_key call for the execute phase's
// user, once as POST /api/v3.1/tools/execute and once as a JSON-RPC tools/call on a session's MCP URL
// (Bearer session token), at 1 and 32 connections, in interleaved rounds so both see the same machine.
import { apiClient, authConfigId, brief } from "./http";
import { BENCH_USER, load, loadInterleaved, type LoadResult, type Target } from "./execute";
import { added, ratio } from "./stats";
import type { Keyport, RssSampler } from "./server";

const SANDBOX_KEY = "sbx_demo_key";
const ACTION = "SANDBOX_KEY_LIST_NOTES";

export interface McpConcurrency {
  connections: number;
  rest: LoadResult;
  mcp: LoadResult;
  /** MCP executions/s over REST's (issue 12: ≥ 0.8 at 32 connections). */
  mcp_rest_ratio: number | null;
  /** MCP p50 minus REST p50 (issue 12: ≤ 1 ms at 1 connection). */
  p50_added_ms: number | null;
}

export interface McpBenchResult {
  duration_s: number;
  session_id: string;
  c1: McpConcurrency;
  c32: McpConcurrency;
  all_good: boolean;
}

/** The execute phase's connection for the bench user, or a new one when that phase did not run. */
async function ensureConnection(api: ReturnType<typeof apiClient>): Promise<void> {
  const listed = await api<{ items?: unknown[] }>(
    "GET",
    `/api/v3.1/connected_accounts?user_ids=${BENCH_USER}&toolkit_slugs=sandbox_key&statuses=ACTIVE`,
  );
  if (listed.status === 200 && (listed.body.items?.length ?? 0) > 0) return;
  const created = await api<{ status?: string }>("POST", "/api/v3.1/connected_accounts", {
    auth_config: { id: await authConfigId(api, "sandbox_key") },
    connection: { user_id: BENCH_USER, data: { api_key: SANDBOX_KEY } },
  });
  if (created.status !== 201 || created.body.status !== "ACTIVE") {
    throw new Error(`connecting sandbox_key: HTTP ${created.status} ${brief(created.body)}`);
  }
}

/** Mint a direct-mode session for the one action and check one tools/call answer. */
export async function setup(
  kp: Keyport,
): Promise<{ sessionId: string; targets: [Target, Target] }> {
  const api = apiClient(kp.base, kp.bootstrapKey);
  await ensureConnection(api);
  const minted = await api<{ session_id?: string; token?: string; mcp?: { url: string } }>(
    "POST",
    "/api/v3.1/tool_router/session",
    { user_id: BENCH_USER, toolkits: ["sandbox_key"], tools: { sandbox_key: [ACTION] } },
  );
  const { session_id: sessionId, token, mcp } = minted.body;
  if (minted.status !== 201 || !sessionId || !token || !mcp) {
    throw new Error(`minting an MCP session: HTTP ${minted.status} ${brief(minted.body)}`);
  }
  const rest: Target = {
    name: "keyport",
    url: `${kp.base}/api/v3.1/tools/execute/${ACTION}`,
    method: "POST",
    headers: { "x-api-key": kp.bootstrapKey, "content-type": "application/json" },
    body: JSON.stringify({ user_id: BENCH_USER, arguments: { limit: 1 } }),
    expect: '"successful":true',
  };
  const call: Target = {
    name: "keyport",
    url: mcp.url,
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2025-11-25",
    },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: ACTION, arguments: { limit: 1 } },
    }),
    // A successful call carries structuredContent; a failed one isError and text only.
    expect: '"structuredContent"',
  };
  const first = await fetch(call.url, { method: "POST", headers: call.headers, body: call.body });
  const text = await first.text();
  if (!first.ok || !text.includes(call.expect) || text.includes('"isError":true')) {
    throw new Error(`MCP tools/call ${ACTION} failed: HTTP ${first.status} ${brief(text)}`);
  }
  return { sessionId, targets: [rest, call] };
}

async function atConcurrency(
  [rest, call]: [Target, Target],
  connections: number,
  seconds: number,
  rss: RssSampler,
  log: (line: string) => void,
): Promise<McpConcurrency> {
  const warm = Math.min(3, Math.max(1, seconds / 3));
  rss.enter(`mcp:c${connections}`);
  await load(rest, connections, warm);
  await load(call, connections, warm);
  const measured = await loadInterleaved([rest, call], connections, seconds);
  const r = measured.get(rest)!;
  const m = measured.get(call)!;
  for (const [name, l] of [
    ["rest", r],
    ["mcp", m],
  ] as const) {
    log(
      `  c=${connections} ${name.padEnd(4)} ${String(l.rps).padStart(8)} req/s  p50 ${l.p50_ms} ms  p99 ${l.p99_ms} ms${l.bad ? `  BAD ${l.bad}` : ""}`,
    );
  }
  return {
    connections,
    rest: r,
    mcp: m,
    mcp_rest_ratio: ratio(m.rps, r.rps),
    p50_added_ms: added(m.p50_ms, r.p50_ms),
  };
}

export async function benchMcp(
  kp: Keyport,
  rss: RssSampler,
  seconds: number,
  log: (line: string) => void,
): Promise<McpBenchResult> {
  const { sessionId, targets } = await setup(kp);
  const c1 = await atConcurrency(targets, 1, seconds, rss, log);
  const c32 = await atConcurrency(targets, 32, seconds, rss, log);
  const all = [c1, c32].flatMap((c) => [c.rest, c.mcp]);
  return {
    duration_s: seconds,
    session_id: sessionId,
    c1,
    c32,
    all_good: all.every((l) => l.bad === 0 && l.errors === 0 && l.requests > 0),
  };
}
