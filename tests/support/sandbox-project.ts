// What most integration suites start from: a fresh test database, the sandbox provider (client
// "keyport"), deps that know the sandbox, a project, and the project's sandbox OAuth 2 integration.
import type { Actor, Deps } from "@/lib/core/deps";
import { createIntegration } from "@/lib/core/integrations";
import { createProject } from "@/lib/core/projects";
import type { Sandbox } from "@/lib/sandbox";
import { openTestDb, testDeps, type TestDb } from "./db";
import { SANDBOX_CLIENT_ID, startTestSandbox } from "./sandbox";

export interface SandboxProject {
  handle: TestDb;
  sandbox: Sandbox;
  deps: Deps;
  projectId: string;
  integrationId: string;
}

export async function openSandboxProject(opts: {
  name: string;
  clientSecret: string;
  actor: Actor;
}): Promise<SandboxProject> {
  const handle = await openTestDb();
  const sandbox = await startTestSandbox({ clientSecret: opts.clientSecret });
  const deps = testDeps(handle, { sandboxOrigin: sandbox.issuer });
  const projectId = (await createProject(deps, { name: opts.name, actor: opts.actor })).id;
  const integration = await createIntegration(deps, {
    projectId,
    appKey: "sandbox",
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: opts.clientSecret,
    actor: opts.actor,
  });
  return { handle, sandbox, deps, projectId, integrationId: integration.id };
}
