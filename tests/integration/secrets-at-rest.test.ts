// Secrets at rest (SECURITY.md 11): after a real connect flow, an API-key connection, a pending
// flow and an integration with a client secret, no secret appears in clear anywhere in the
// database — neither in any row of any table nor (on Postgres) in a pg_dump of it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { authFlows, connections } from "@/db/schema";
import { startSandbox, type Sandbox } from "@/lib/sandbox";
import { randomToken } from "@/lib/crypto";
import { systemActor, type Deps } from "@/lib/core/deps";
import { createProject } from "@/lib/core/projects";
import { createIntegration } from "@/lib/core/integrations";
import { initiateConnection } from "@/lib/core/initiate";
import { openLink } from "@/lib/core/link-context";
import { beginAuthorization, completeCallback } from "@/lib/core/connect-flow";
import { createApiKey } from "@/lib/core/api-keys";
import { createOperator } from "@/lib/core/operators";
import { openTestDb, serverUrl, testDeps, type TestDb } from "../support/db";
import { authorizeAtProvider } from "../support/oauth-browser";
import { settleExecutionLog } from "@/lib/core/executions";

const PUBLIC_URL = "http://localhost:3000";
const REDIRECT_URI = `${PUBLIC_URL}/api/oauth/callback`;
const CLIENT_ID = "keyport";
const CLIENT_SECRET = `cs_at_rest_${randomToken(18)}`;
const API_KEY = "sbx_demo_key";
const OPERATOR_PASSWORD = `Pw-at-rest-${randomToken(12)}`;
const PG_DUMP = "/usr/bin/pg_dump";

let sandbox: Sandbox;
let handle: TestDb;
let deps: Deps;

/** Every secret the test issued or saw, by name. */
const secrets: Record<string, string> = {};
/** Values that must be in the dump (proof that the dump covers the rows). */
const present: string[] = [];

function rowsOf(result: unknown): unknown[] {
  if (Array.isArray(result)) return result;
  return (result as { rows: unknown[] }).rows;
}

/** Every row of every table of the database as JSON text, rendered by Postgres itself. */
async function dumpAllRows(): Promise<{ tables: string[]; text: string }> {
  await settleExecutionLog(handle.db); // the execution log is written behind the response
  const tables = rowsOf(
    await handle.db.execute(
      sql.raw(
        `select table_schema as s, table_name as t from information_schema.tables
         where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
         order by 1, 2`,
      ),
    ),
  ) as Array<{ s: string; t: string }>;
  const parts: string[] = [];
  for (const { s, t } of tables) {
    const rows = rowsOf(
      await handle.db.execute(sql.raw(`select row_to_json(x)::text as j from "${s}"."${t}" x`)),
    ) as Array<{ j: string }>;
    parts.push(`-- ${s}.${t}`, ...rows.map((r) => r.j));
  }
  return { tables: tables.map(({ s, t }) => `${s}.${t}`), text: parts.join("\n") };
}

/** The secret and the encodings a careless implementation might store it in. */
function forms(secret: string): string[] {
  const b = Buffer.from(secret);
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    b.toString("base64").replace(/=+$/, ""),
    b.toString("base64url"),
    b.toString("hex"),
  ];
}

function expectNoSecrets(text: string, where: string) {
  for (const [name, secret] of Object.entries(secrets)) {
    expect(secret.length, name).toBeGreaterThanOrEqual(8);
    for (const form of forms(secret)) {
      expect(text.includes(form), `${name} found in ${where}`).toBe(false);
    }
  }
  for (const value of present) expect(text, `${where} should contain ${value}`).toContain(value);
}

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    accessTtlSeconds: 900,
    apiKeys: [API_KEY],
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] }],
  });
  handle = await openTestDb();
  deps = testDeps(handle, { sandboxOrigin: sandbox.issuer, publicUrl: PUBLIC_URL });
  const projectId = (await createProject(deps, { name: "At rest", actor: systemActor })).id;
  const integration = await createIntegration(deps, {
    projectId,
    appKey: "sandbox",
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    actor: systemActor,
  });
  secrets.client_secret = CLIENT_SECRET;
  present.push(integration.id);

  /** initiate → link → authorize URL; records the link token, binding, state and verifier. */
  async function begin(tag: string) {
    const { connection, link } = await initiateConnection(deps, {
      projectId,
      userId: `user-${tag}`,
      integrationId: integration.id,
      actor: systemActor,
    });
    const binding = randomToken(32);
    const url = new URL(await beginAuthorization(deps, await openLink(deps, link!.token), binding));
    const [flow] = await deps.db
      .select()
      .from(authFlows)
      .where(eq(authFlows.connectionId, connection.id));
    const { verifier } = JSON.parse(
      deps.keyring.decrypt(flow!.verifierEnc!, {
        table: "auth_flows",
        rowId: flow!.stateHash,
        field: "verifier",
      }),
    ) as { verifier: string };
    Object.assign(secrets, {
      [`${tag}_link_token`]: link!.token,
      [`${tag}_binding`]: binding,
      [`${tag}_state`]: url.searchParams.get("state")!,
      [`${tag}_pkce_verifier`]: verifier,
    });
    present.push(connection.id);
    return { id: connection.id, url, binding, stateHash: flow!.stateHash };
  }

  // 1. A completed OAuth connect flow.
  const done = await begin("completed");
  const callback = await authorizeAtProvider(done.url, { username: "at-rest-user" });
  secrets.authorization_code = callback.searchParams.get("code")!;
  await completeCallback(deps, callback.searchParams, done.binding);
  const [row] = await deps.db.select().from(connections).where(eq(connections.id, done.id));
  expect(row?.status).toBe("ACTIVE");
  const creds = JSON.parse(
    deps.keyring.decrypt(row!.credentialsEnc!, {
      table: "connections",
      rowId: done.id,
      field: "credentials",
    }),
  ) as Record<string, string>;
  secrets.access_token = creds.access_token!;
  secrets.refresh_token = creds.refresh_token!;
  present.push(row!.credentialsEnc!, "at-rest-user");

  // 2. A flow still pending: its PKCE verifier is in auth_flows (encrypted).
  const pending = await begin("pending");
  present.push(pending.stateHash);

  // 3. An API-key connection.
  const keyed = await initiateConnection(deps, {
    projectId,
    userId: "user-key",
    appKey: "sandbox_key",
    credentials: { api_key: API_KEY },
    actor: systemActor,
  });
  expect(keyed.connection.status).toBe("ACTIVE");
  expect(keyed.connection.credentialHints).toEqual({ api_key: "••••" });
  secrets.api_key = API_KEY;
  present.push(keyed.connection.id, "••••");

  // 4. Keyport's own secrets: an API key and an operator password.
  const kp = await createApiKey(deps, { projectId, name: "at rest", actor: systemActor });
  secrets.keyport_api_key = kp.key;
  await createOperator(deps, {
    email: "at-rest@example.com",
    name: "At rest",
    password: OPERATOR_PASSWORD,
  });
  secrets.operator_password = OPERATOR_PASSWORD;
  present.push(kp.apiKey.id, "at-rest@example.com");
});

afterAll(async () => {
  await handle?.close();
  await sandbox?.close();
});

describe("secrets at rest", () => {
  it("collected every secret it means to look for", () => {
    expect(Object.keys(secrets).sort()).toEqual(
      [
        "access_token",
        "api_key",
        "authorization_code",
        "client_secret",
        "completed_binding",
        "completed_link_token",
        "completed_pkce_verifier",
        "completed_state",
        "keyport_api_key",
        "operator_password",
        "pending_binding",
        "pending_link_token",
        "pending_pkce_verifier",
        "pending_state",
        "refresh_token",
      ].sort(),
    );
    expect(new Set(Object.values(secrets)).size).toBe(Object.keys(secrets).length);
  });

  it("no row of any table holds a secret in clear", async () => {
    const { tables, text } = await dumpAllRows();
    for (const t of [
      "public.auth_flows",
      "public.connections",
      "public.integrations",
      "public.link_tokens",
      "public.api_keys",
      "public.operators",
      "public.audit_log",
      "public.connection_events",
    ]) {
      expect(tables).toContain(t);
    }
    expectNoSecrets(text, "the table rows");
  });

  it.runIf(Boolean(serverUrl()))("pg_dump of the database holds no secret in clear", async () => {
    expect(handle.url).toMatch(/^postgres(ql)?:\/\//);
    const { stdout } = await promisify(execFile)(
      PG_DUMP,
      ["--no-owner", "--no-privileges", `--dbname=${handle.url!}`],
      { maxBuffer: 256 * 1024 * 1024 },
    );
    expect(stdout).toContain("COPY public.connections");
    expect(stdout).toContain("COPY public.auth_flows");
    expectNoSecrets(stdout, "pg_dump");
  });
});
