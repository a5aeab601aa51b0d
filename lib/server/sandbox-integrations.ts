// While the sandbox runs, the Default project has ready integrations for `sandbox` and `sandbox_key`.
import { systemActor, type Deps } from "@/lib/core/deps";
import { addSandboxIntegrations } from "@/lib/core/sandbox-integrations";
import type { Env } from "@/lib/env";
import { sandboxClient } from "./sandbox";

/** Create the sandbox integrations if missing; refresh the OAuth client secret otherwise. */
export async function ensureSandboxIntegrations(
  deps: Deps,
  projectId: string,
  e: Env,
): Promise<void> {
  await addSandboxIntegrations(deps, { projectId, actor: systemActor, client: sandboxClient(e) });
}
