// Refresh storm: one OAuth connection with an expired token, 100 concurrent executes → exactly one token request.
import postgres from "postgres";
import { authorizeAtProvider, sandboxStats } from "@/tests/support/oauth-browser";
import { apiClient, authConfigId, brief, CookieJar } from "./http";
import { summarize } from "./stats";
import type { Keyport } from "./server";

export const STORM_USER = "storm_user";
const ACTION = "SANDBOX_LIST_NOTES";

export interface StormResult {
  concurrency: number;
  connected_account_id: string;
  token_requests: number;
  succeeded: number;
  all_succeeded: boolean;
  wall_ms: number;
  p50_ms: number | null;
  p99_ms: number | null;
  after_execute_successful: boolean;
  expires_at_after: string | null;
  failures?: string[];
}

/** Connect the OAuth sandbox app for one user without a browser: connect page → start → sandbox → callback. */
async function connectOAuth(kp: Keyport, user: string): Promise<string> {
  const api = apiClient(kp.base, kp.bootstrapKey);
  const created = await api<{ id?: string; redirect_url?: string | null }>(
    "POST",
    "/api/v3.1/connected_accounts",
    {
      auth_config: { id: await authConfigId(api, "sandbox") },
      connection: { user_id: user },
    },
  );
  const { id, redirect_url: link } = created.body;
  if (created.status !== 201 || !id || !link) {
    throw new Error(
      `initiating the sandbox connection: HTTP ${created.status} ${brief(created.body)}`,
    );
  }
  const endUser = new CookieJar();
  // As a browser: the first visit binds the browser (a redirect that sets the cookie), then the
  // page renders its start form with a CSRF token for that browser.
  let pageUrl = new URL(link);
  let page = await endUser.fetch(pageUrl);
  for (let hop = 0; hop < 3 && page.status >= 300 && page.status < 400; hop++) {
    await page.body?.cancel();
    pageUrl = new URL(page.headers.get("location") ?? "", pageUrl);
    page = await endUser.fetch(pageUrl);
  }
  const html = await page.text();
  const action = /<form[^>]*action="([^"]*\/start)"/.exec(html)?.[1];
  if (page.status !== 200 || !action)
    throw new Error(`connect page: HTTP ${page.status}, no start form`);
  const hidden = [...html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)].map((m) => m[0]);
  const fields = new URLSearchParams();
  for (const input of hidden) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    const value = /value="([^"]*)"/.exec(input)?.[1];
    if (name) fields.set(name, (value ?? "").replaceAll("&amp;", "&"));
  }
  const start = await endUser.fetch(new URL(action.replaceAll("&amp;", "&"), pageUrl), {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: pageUrl.origin,
      "sec-fetch-site": "same-origin",
    },
    body: fields.toString(),
  });
  const authorize = start.headers.get("location");
  await start.body?.cancel();
  if (start.status !== 303 || !authorize)
    throw new Error(`connect start: HTTP ${start.status}, no redirect to the provider`);
  const callback = await authorizeAtProvider(authorize, { username: "storm", password: "sandbox" });
  const done = await endUser.fetch(callback);
  await done.body?.cancel();
  if (done.status !== 303) throw new Error(`callback: HTTP ${done.status}`);
  const account = await api<{ status?: string; status_reason?: string }>(
    "GET",
    `/api/v3.1/connected_accounts/${id}`,
  );
  if (account.body.status !== "ACTIVE") {
    throw new Error(
      `the sandbox connection is ${account.body.status} (${account.body.status_reason ?? "no reason"})`,
    );
  }
  return id;
}

async function execute(
  kp: Keyport,
  user: string,
): Promise<{ ok: boolean; ms: number; detail: string }> {
  const t = process.hrtime.bigint();
  try {
    const res = await fetch(`${kp.base}/api/v3.1/tools/execute/${ACTION}`, {
      method: "POST",
      headers: { "x-api-key": kp.bootstrapKey, "content-type": "application/json" },
      body: JSON.stringify({ user_id: user, arguments: { limit: 1 } }),
    });
    const body = (await res.json()) as { successful?: boolean; error?: string | null };
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    return {
      ok: res.status === 200 && body.successful === true,
      ms,
      detail: `HTTP ${res.status} ${brief(body)}`,
    };
  } catch (err) {
    return { ok: false, ms: Number(process.hrtime.bigint() - t) / 1e6, detail: String(err) };
  }
}

/**
 * The storm: connect through `kp`, expire the token, then `concurrency` executes at once, spread
 * over `instances` in turn (default: `kp` alone; two servers on one database in bench/instances.ts).
 */
export async function benchRefreshStorm(
  kp: Keyport,
  databaseUrl: string,
  opts: { concurrency?: number; user?: string; instances?: Keyport[] } = {},
): Promise<StormResult> {
  const concurrency = opts.concurrency ?? 100;
  const user = opts.user ?? STORM_USER;
  const instances = opts.instances ?? [kp];
  const id = await connectOAuth(kp, user);
  const warm = await execute(kp, user);
  if (!warm.ok) throw new Error(`${ACTION} before the storm: ${warm.detail}`);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const before = await sandboxStats(kp.sandboxOrigin);
    const updated =
      await sql`update connections set expires_at = now() - interval '1 minute' where id = ${id}`;
    if (updated.count !== 1) throw new Error(`expiring ${id}: ${updated.count} rows updated`);
    const t = process.hrtime.bigint();
    const results = await Promise.all(
      Array.from({ length: concurrency }, (_, i) =>
        execute(instances[i % instances.length]!, user),
      ),
    );
    const wall = Number(process.hrtime.bigint() - t) / 1e6;
    const after = await sandboxStats(kp.sandboxOrigin);
    const again = await execute(kp, user);
    const [row] = await sql<
      Array<{ expires_at: Date | null }>
    >`select expires_at from connections where id = ${id}`;
    const succeeded = results.filter((r) => r.ok).length;
    const failures = [...new Set(results.filter((r) => !r.ok).map((r) => r.detail))].slice(0, 3);
    const s = summarize(results.map((r) => r.ms));
    return {
      concurrency,
      connected_account_id: id,
      token_requests: after.token_requests.refresh_token - before.token_requests.refresh_token,
      succeeded,
      all_succeeded: succeeded === concurrency,
      wall_ms: Math.round(wall * 10) / 10,
      p50_ms: s.p50,
      p99_ms: s.p99,
      after_execute_successful: again.ok,
      expires_at_after: row?.expires_at ? row.expires_at.toISOString() : null,
      ...(failures.length || !again.ok
        ? { failures: again.ok ? failures : [...failures, `after: ${again.detail}`] }
        : {}),
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
