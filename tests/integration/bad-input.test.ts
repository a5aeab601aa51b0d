// Hostile input is the caller's mistake, never a 500 (issue 11 items 8 and 13): NUL and control
// characters, an empty auth-config update, a connection create that fails after its entity was
// made, and invalid proxy headers. Real database (PGlite or Postgres) and the real sandbox.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, entities, executions } from "@/db/schema";
import { systemActor, type Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { updateIntegration } from "@/lib/core/integrations";
import { initiateConnection } from "@/lib/core/initiate";
import { proxyRequest } from "@/lib/core/proxy";
import { settleExecutionLog } from "@/lib/core/executions";
import { randomToken } from "@/lib/crypto";
import { toAppError } from "@/lib/http/api-errors";
import { checkJsonText, checkPathParams, checkQuery } from "@/lib/http/input-guard";
import type { Sandbox } from "@/lib/sandbox";
import type { TestDb } from "../support/db";
import { connectAtSandbox } from "../support/oauth-browser";
import { openSandboxProject } from "../support/sandbox-project";

const CLIENT_SECRET = `cs_bad_${randomToken(12)}`;
let sandbox: Sandbox;
let handle: TestDb;
let deps: Deps;
let projectId: string;
let integrationId: string;
const actor = systemActor;

beforeAll(async () => {
  ({ handle, sandbox, deps, projectId, integrationId } = await openSandboxProject({
    name: "Bad input",
    clientSecret: CLIENT_SECRET,
    actor,
  }));
});

afterAll(async () => {
  await sandbox?.close();
  await handle?.close();
});

const caught = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (err: unknown) => err,
  );

describe("the database's refusals of input", () => {
  it("a NUL byte that reaches a query is a 400, not a 500", async () => {
    const err = await caught(
      deps.db.select().from(entities).where(eq(entities.externalId, "a\u0000b")),
    );
    const e = toAppError(err, "req_test");
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/NUL/);
    // And in jsonb, where Postgres names it "unsupported Unicode escape sequence".
    const err2 = await caught(
      deps.db.execute(sql`select ${JSON.stringify({ a: "\u0000" })}::jsonb`),
    );
    expect(toAppError(err2, "req_test").status).toBe(400);
  });

  it("a failure that is not the input's stays a 500", async () => {
    const err = await caught(deps.db.execute(sql`select * from no_such_table_here`));
    expect(toAppError(err, "req_test").status).toBe(500);
  });
});

describe("input checks at the API's edge", () => {
  it("refuse control characters in path and query parameters, naming the field", () => {
    expect(() => checkPathParams({ id: "ca_\u0000" })).toThrow(/^id: must not contain control/);
    expect(() => checkPathParams({ path: ["a", "b\r\n"] })).toThrow(/^path:/);
    expect(() => checkPathParams({ id: "ca_ok-1" })).not.toThrow();
    expect(() => checkQuery(new URLSearchParams("user_ids=a%00b"))).toThrow(/^user_ids:/);
    expect(() => checkQuery(new URLSearchParams("a%0a=1"))).toThrow(/query parameter a\?/);
    expect(() => checkQuery(new URLSearchParams("q=caf%C3%A9&x=%F0%9F%98%80"))).not.toThrow();
  });

  it("refuse NUL anywhere in a JSON body but keep newlines and tabs", () => {
    expect(() => checkJsonText({ connection: { user_id: "u\u0000" } })).toThrow(
      /^body\.connection\.user_id: must not contain NUL/,
    );
    expect(() => checkJsonText({ labels: ["ok", "b\u0000"] })).toThrow(/^body\.labels\[1\]:/);
    expect(() => checkJsonText({ ["k\u0000"]: 1 })).toThrow(/key k\?/);
    expect(() => checkJsonText({ text: "line 1\nline\t2", n: 1, b: null })).not.toThrow();
    let deep: unknown = "x";
    for (let i = 0; i < 200; i++) deep = [deep];
    expect(() => checkJsonText(deep)).toThrow(/nested deeper/);
  });
});

describe("auth config update", () => {
  it("an update with nothing in it is a 400 and changes nothing", async () => {
    const count = async () =>
      (
        await deps.db
          .select({ n: sql<number>`count(*)::int` })
          .from(auditLog)
          .where(and(eq(auditLog.projectId, projectId), eq(auditLog.verb, "integration.update")))
      )[0]!.n;
    const before = await count();
    const err = await caught(updateIntegration(deps, { projectId, id: integrationId, actor }));
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).message).toMatch(/Nothing to update/);
    expect(await count()).toBe(before);
  });
});

describe("connection create", () => {
  it("a create that fails after making its entity leaves no entity behind", async () => {
    const userId = `orphan_${randomToken(6)}`;
    // The label reaches the insert (jsonb refuses NUL there), after the entity was made.
    const err = await caught(
      initiateConnection(deps, { projectId, userId, integrationId, labels: ["a\u0000"], actor }),
    );
    expect(toAppError(err, "req_test").status).toBe(400);
    const rows = await deps.db
      .select()
      .from(entities)
      .where(and(eq(entities.projectId, projectId), eq(entities.externalId, userId)));
    expect(rows).toEqual([]);
  });
});

describe("proxy headers", () => {
  it("an invalid header is a 400 naming it, logged as a refusal, never as the provider's failure", async () => {
    const id = await connectAtSandbox(deps, {
      projectId,
      userId: "user_proxy_headers",
      integrationId,
      username: "hank",
    });
    const logged = async (outcome: "refused" | "provider_error") => {
      await settleExecutionLog(deps.db);
      return (
        await deps.db
          .select({ n: sql<number>`count(*)::int` })
          .from(executions)
          .where(and(eq(executions.connectionId, id), eq(executions.outcome, outcome)))
      )[0]!.n;
    };
    const before = await logged("refused");
    const bad = [
      { name: "X-Note", value: "a\r\nInjected: yes", message: /header "X-Note": the value/ },
      { name: "X-Note", value: "a\nb", message: /header "X-Note": the value/ },
      { name: "X Note", value: "a", message: /header "X Note": not a valid header name/ },
      { name: "X-\u0000", value: "a", message: /not a valid header name/ },
      { name: "", value: "a", message: /header "": not a valid header name/ },
    ];
    for (const h of bad) {
      const err = await caught(
        proxyRequest(deps, {
          projectId,
          actor,
          connectionId: id,
          endpoint: "/api/me",
          method: "GET",
          parameters: [{ ...h, in: "header" }],
        }),
      );
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(400);
      expect((err as AppError).message).toMatch(h.message);
    }
    // Support sees each refused attempt (issue 13 item 2); none counts as the provider's failure.
    expect(await logged("refused")).toBe(before + bad.length);
    expect(await logged("provider_error")).toBe(0);
    // A good header still goes through.
    const ok = await proxyRequest(deps, {
      projectId,
      actor,
      connectionId: id,
      endpoint: "/api/me",
      method: "GET",
      parameters: [{ name: "X-Note", value: "fine\tvalue", in: "header" }],
    });
    expect(ok.status).toBe(200);
  });
});
