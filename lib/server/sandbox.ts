// Starts the built-in sandbox provider once per process when KEYPORT_SANDBOX is on.
import { deriveSecret } from "@/lib/crypto";
import type { Env } from "@/lib/env";
import { logInfo } from "@/lib/log";
import { startSandbox, type Sandbox } from "@/lib/sandbox";
import { SANDBOX_CLIENT_ID } from "./sandbox-client";

const g = globalThis as unknown as { __keyportSandbox?: Promise<Sandbox> };

/** The sandbox client's secret, derived from the server secret (stable across restarts). */
export function sandboxClientSecret(e: Env): string {
  return deriveSecret(e.authSecret, "sandbox-client-secret");
}

/** Start (or reuse) the sandbox; returns its origin. */
export async function startSandboxOnce(e: Env): Promise<string> {
  g.__keyportSandbox ??= startSandbox({
    port: e.sandboxPort,
    accessTtlSeconds: e.sandboxAccessTtl,
    apiKeys: e.sandboxApiKeys,
    clients: [
      {
        clientId: SANDBOX_CLIENT_ID,
        clientSecret: sandboxClientSecret(e),
        redirectUris: [`${e.publicUrl}/api/oauth/callback`],
      },
    ],
  });
  const sandbox = await g.__keyportSandbox;
  logInfo("sandbox provider listening", { issuer: sandbox.issuer });
  return sandbox.issuer;
}
