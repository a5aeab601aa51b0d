// Starts the built-in sandbox provider once per process when KEYPORT_SANDBOX is on.
import type { SandboxClient } from "@/lib/core/sandbox-integrations";
import { deriveSecret } from "@/lib/crypto";
import type { Env } from "@/lib/env";
import { logInfo } from "@/lib/log";
import { SANDBOX_BROWSER_PREFIX } from "@/lib/sandbox/paths";
import { startSandbox, type Sandbox } from "@/lib/sandbox";
import { SANDBOX_CLIENT_ID } from "./sandbox-client";

const g = globalThis as unknown as { __keyportSandbox?: Promise<Sandbox> };

/** The sandbox client's secret, derived from the server secret (stable across restarts). */
export function sandboxClientSecret(e: Env): string {
  return deriveSecret(e.authSecret, "sandbox-client-secret");
}

/** The OAuth client Keyport registers at its sandbox (the same for every project). */
export function sandboxClient(e: Env): SandboxClient {
  return { clientId: SANDBOX_CLIENT_ID, clientSecret: sandboxClientSecret(e) };
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
    // End users' browsers reach its pages through Keyport (app/sandbox/[...path]/route.ts).
    browserBase: `${e.publicUrl}${SANDBOX_BROWSER_PREFIX}`,
    // Development keeps grants across restarts, so `npm run dev` restarts break no connection.
    ...(e.sandboxStoreFile ? { storeFile: e.sandboxStoreFile } : {}),
  });
  const sandbox = await g.__keyportSandbox;
  logInfo("sandbox provider listening", { issuer: sandbox.issuer });
  return sandbox.issuer;
}
