// Sandbox integrations for any project in one step (issue 13 item 6): a project made after first
// boot gets a working sandbox OAuth integration (with the client secret nobody could type) and the
// API-key one; a second run creates nothing twice; each change is audited; a server without a
// sandbox refuses with a 409. Real database and the real sandbox, connected end to end.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import type { Actor, Deps } from "@/lib/core/deps";
import { AppError } from "@/lib/core/errors";
import { getConnection } from "@/lib/core/connections";
import { listIntegrations } from "@/lib/core/integrations";
import { createProject } from "@/lib/core/projects";
import { addSandboxIntegrations } from "@/lib/core/sandbox-integrations";
import { randomToken } from "@/lib/crypto";
import type { Sandbox } from "@/lib/sandbox";
import { openTestDb, testDeps, type TestDb } from "../support/db";
import { connectAtSandbox } from "../support/oauth-browser";
import { startTestSandbox } from "../support/sandbox";

const client = { clientId: "keyport", clientSecret: `cs_any_${randomToken(12)}` };
const admin: Actor = { type: "operator", id: "op_test_admin", label: "admin@example.com" };
let sandbox: Sandbox;
let handle: TestDb;
let deps: Deps;

beforeAll(async () => {
  handle = await openTestDb();
  sandbox = await startTestSandbox({ clientSecret: client.clientSecret });
  deps = testDeps(handle, { sandboxOrigin: sandbox.issuer });
});

afterAll(async () => {
  await sandbox?.close();
  await handle?.close();
});

it("a new project gets both sandbox integrations, once, audited, and they connect", async () => {
  const projectId = (await createProject(deps, { name: "Later project", actor: admin })).id;
  const first = await addSandboxIntegrations(deps, { projectId, actor: admin, client });
  expect(first.created).toHaveLength(2);
  expect(first.refreshed).toEqual([]);
  const made = await listIntegrations(deps, { projectId });
  expect(made.map((i) => i.appKey).sort()).toEqual(["sandbox", "sandbox_key"]);
  const oauth = made.find((i) => i.appKey === "sandbox")!;
  expect(oauth.clientId).toBe("keyport");
  expect(oauth.clientSecretSet).toBe(true);

  const again = await addSandboxIntegrations(deps, { projectId, actor: admin, client });
  expect(again).toEqual({ created: [], refreshed: [oauth.id] });
  expect(await listIntegrations(deps, { projectId })).toHaveLength(2);

  const audited = await deps.db
    .select({ verb: auditLog.verb, objectId: auditLog.objectId })
    .from(auditLog)
    .where(and(eq(auditLog.projectId, projectId), eq(auditLog.objectType, "integration")));
  expect(audited.filter((a) => a.verb === "integration.create")).toHaveLength(2);
  expect(audited.some((a) => a.objectId === oauth.id && a.verb !== "integration.create")).toBe(
    true,
  );

  // The secret is the one the sandbox knows: a user connects through it.
  const connectionId = await connectAtSandbox(deps, {
    projectId,
    integrationId: oauth.id,
    userId: "user_later",
    username: "later",
  });
  expect((await getConnection(deps, { projectId, id: connectionId })).status).toBe("ACTIVE");
});

it("without a sandbox it is a 409 that says so", async () => {
  const projectId = (await createProject(deps, { name: "No sandbox", actor: admin })).id;
  const noSandbox = { ...deps, sandboxOrigin: undefined };
  const err = await addSandboxIntegrations(noSandbox, { projectId, actor: admin, client }).catch(
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(409);
  expect((err as AppError).message).toMatch(/runs no sandbox/);
  expect(await listIntegrations(deps, { projectId })).toEqual([]);
});
