// While the sandbox runs, the Default project has ready integrations for `sandbox` and `sandbox_key`.
import { eq } from "drizzle-orm";
import { integrations } from "@/db/schema";
import { systemActor, type Deps } from "@/lib/core/deps";
import { createIntegration, updateIntegration } from "@/lib/core/integrations";
import { SANDBOX_CLIENT_ID } from "./sandbox-client";

/** Create the sandbox integrations if missing; refresh the OAuth client secret otherwise. */
export async function ensureSandboxIntegrations(
  deps: Deps,
  projectId: string,
  clientSecret: string,
): Promise<void> {
  const existing = await deps.db
    .select({ id: integrations.id, appKey: integrations.appKey })
    .from(integrations)
    .where(eq(integrations.projectId, projectId));
  const oauth = existing.find((i) => i.appKey === "sandbox");
  if (oauth) {
    await updateIntegration(deps, { projectId, id: oauth.id, clientSecret, actor: systemActor });
  } else {
    await createIntegration(deps, {
      projectId,
      appKey: "sandbox",
      name: "Sandbox (OAuth 2.0)",
      clientId: SANDBOX_CLIENT_ID,
      clientSecret,
      actor: systemActor,
    });
  }
  if (!existing.some((i) => i.appKey === "sandbox_key")) {
    await createIntegration(deps, {
      projectId,
      appKey: "sandbox_key",
      name: "Sandbox (API key)",
      actor: systemActor,
    });
  }
}
