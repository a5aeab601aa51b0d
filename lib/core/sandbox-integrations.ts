// The built-in sandbox's two integrations for any project, ready to connect in one step: the OAuth
// one with the client Keyport registered at its sandbox (whose secret no operator can know), and
// the API-key one. Used at first boot for the Default project and by admins for any other.
import { AppError } from "./errors";
import type { Actor, Deps } from "./deps";
import { createIntegration, listIntegrations, updateIntegration } from "./integrations";

/** The OAuth client this server registered at its sandbox. */
export interface SandboxClient {
  clientId: string;
  clientSecret: string;
}

export interface SandboxSetup {
  /** Ids of the integrations made now. */
  created: string[];
  /** Ids of existing sandbox OAuth integrations of this client whose secret was set again. */
  refreshed: string[];
}

/**
 * Create the project's sandbox integrations that are missing, and give the existing OAuth ones
 * of this client the current secret. Each change is audited (as createIntegration and
 * updateIntegration record it). A 409 when this server runs no sandbox.
 */
export async function addSandboxIntegrations(
  deps: Deps,
  input: { projectId: string; actor: Actor; client: SandboxClient },
): Promise<SandboxSetup> {
  if (!deps.sandboxOrigin) {
    throw new AppError(
      "conflict",
      "This server runs no sandbox (KEYPORT_SANDBOX=0 and no KEYPORT_SANDBOX_URL)",
    );
  }
  const { projectId, actor, client } = input;
  const existing = await listIntegrations(deps, { projectId });
  const setup: SandboxSetup = { created: [], refreshed: [] };
  const ours = existing.filter((i) => i.appKey === "sandbox" && i.clientId === client.clientId);
  for (const integration of ours) {
    await updateIntegration(deps, {
      projectId,
      id: integration.id,
      clientSecret: client.clientSecret,
      actor,
    });
    setup.refreshed.push(integration.id);
  }
  if (ours.length === 0) {
    const made = await createIntegration(deps, {
      projectId,
      appKey: "sandbox",
      name: "Sandbox (OAuth 2.0)",
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      actor,
    });
    setup.created.push(made.id);
  }
  if (!existing.some((i) => i.appKey === "sandbox_key")) {
    const made = await createIntegration(deps, {
      projectId,
      appKey: "sandbox_key",
      name: "Sandbox (API key)",
      actor,
    });
    setup.created.push(made.id);
  }
  return setup;
}
