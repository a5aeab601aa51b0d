import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createApi } from "./api";
import { instrumentProvider, createHooks } from "./hooks";
import { sendJson } from "./http";
import { handleInteraction } from "./interactions";
import { createProvider } from "./provider";
import { SandboxStore } from "./store";

export interface SandboxOptions {
  port: number; // listen on 127.0.0.1:port; 0 = random free port (tests)
  accessTtlSeconds: number; // access-token lifetime
  apiKeys: string[]; // keys accepted in header x-api-key by the API
  clients: Array<{ clientId: string; clientSecret: string; redirectUris: string[] }>;
  /**
   * The public URL under which a front server proxies the browser pages (authorize, sign-in,
   * consent), e.g. "https://keyport.example.com/sandbox"; discovery then sends browsers there, so
   * an end user on another machine never needs 127.0.0.1. Unset: browsers come to the issuer.
   */
  browserBase?: string;
  /** A JSON file keeping grants, tokens and sessions across restarts (development); unset: memory only. */
  storeFile?: string;
}

export interface Sandbox {
  issuer: string; // exactly "http://127.0.0.1:<port>", no trailing slash
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Starts the sandbox OAuth 2.0 server and notes API on 127.0.0.1. */
export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  if (!Number.isSafeInteger(opts.accessTtlSeconds) || opts.accessTtlSeconds <= 0) {
    throw new TypeError("accessTtlSeconds must be a positive integer");
  }
  let handler: Handler | undefined;
  const server = createServer((req, res) => {
    if (!handler) {
      sendJson(res, 503, { error: "unavailable", message: "The sandbox is starting." });
      return;
    }
    handler(req, res).catch((err: unknown) => {
      // Never log the request: it may carry codes, tokens or client secrets.
      console.error("sandbox: unhandled error:", err instanceof Error ? err.message : err);
      if (!res.headersSent)
        sendJson(res, 500, { error: "server_error", message: "Internal error." });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  // The issuer must be exactly what clients see, so it is built from the bound port.
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Never throws: a missing or unreadable file means an empty store.
  const store = new SandboxStore(opts.storeFile);
  try {
    const provider = await createProvider({ ...opts, issuer, store });
    const stats = instrumentProvider(provider);
    const api = createApi({ provider, issuer, apiKeys: opts.apiKeys });
    const hooks = createHooks(stats, store);
    const oidc = provider.callback();

    handler = async (req, res) => {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      if (await handleInteraction(provider, req, res, path)) return;
      if (await api(req, res, path)) return;
      if (await hooks(req, res, path)) return;
      await oidc(req, res);
    };
  } catch (err) {
    await closeServer(server);
    throw err;
  }

  let closing: Promise<void> | undefined;
  return {
    issuer,
    close: () => (closing ??= closeServer(server).finally(() => store.flush())),
  };
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}
