// Runs tests/support/oauth1_provider.py (a strict oauthlib OAuth 1.0a provider) for one test file.
import { spawn } from "node:child_process";
import path from "node:path";

export interface OAuth1ProviderStats {
  request_token: number;
  access_token: number;
  resource: number;
  authorize: number;
  denied: number;
  rejected: number;
  replays: number;
  callback_confirmed: number;
  request_token_calls: {
    status: number;
    callbackInHeader: string | null;
    nonceLength: number;
    signatureMethod: string | null;
    bodyLength: number;
    query: string;
    callbackConfirmed: string | null;
  }[];
  last_request_token?: { token: string; secret: string };
}

export interface OAuth1Peer {
  origin: string;
  consumerKey: string;
  consumerSecret: string;
  stats(): Promise<OAuth1ProviderStats>;
  close(): Promise<void>;
}

const PYTHON = "/usr/bin/python3"; // Debian's, which has python3-oauthlib
const SCRIPT = path.resolve(import.meta.dirname, "oauth1_provider.py");

/** Start the provider on a random 127.0.0.1 port; resolves once it printed LISTENING. */
export function startOAuth1Peer(opts: {
  consumerKey: string;
  consumerSecret: string;
  callback: string;
}): Promise<OAuth1Peer> {
  const child = spawn(PYTHON, [SCRIPT, "0", opts.consumerKey, opts.consumerSecret, opts.callback], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  return new Promise<OAuth1Peer>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`oauth1 provider did not start in time: ${stderr}`));
    }, 10_000);
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`oauth1 provider exited (${code}): ${stderr}`));
    });
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const port = /LISTENING (\d+)/.exec(out)?.[1];
      if (!port) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners("data");
      child.stdout.resume();
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        origin,
        consumerKey: opts.consumerKey,
        consumerSecret: opts.consumerSecret,
        async stats() {
          const res = await fetch(`${origin}/__stats`);
          return (await res.json()) as OAuth1ProviderStats;
        },
        async close() {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill("SIGTERM");
            await exited;
          }
        },
      });
    });
  });
}
