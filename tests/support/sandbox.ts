// The sandbox provider as most integration suites start it: a random port, one confidential
// client "keyport" whose redirect URI is testDeps' callback, and the demo API key.
import { startSandbox, type Sandbox } from "@/lib/sandbox";

export const SANDBOX_CLIENT_ID = "keyport";

export function startTestSandbox(opts: {
  clientSecret: string;
  accessTtlSeconds?: number;
  apiKeys?: string[];
}): Promise<Sandbox> {
  return startSandbox({
    port: 0,
    accessTtlSeconds: opts.accessTtlSeconds ?? 900,
    apiKeys: opts.apiKeys ?? ["sbx_demo_key"],
    clients: [
      {
        clientId: SANDBOX_CLIENT_ID,
        clientSecret: opts.clientSecret,
        redirectUris: ["http://localhost:3000/api/oauth/callback"],
      },
    ],
  });
}
