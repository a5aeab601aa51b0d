// A second Keyport for a spec that needs settings the shared e2e server must not have (a short
// connect-flow TTL, say): the same built app, started by tests/support/e2e-server.ts on free
// ports with its own fresh database, stopped (and its database dropped) by `stop()`.
import { spawn } from "node:child_process";
import { freePort } from "../free-port";

export interface SecondServer {
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startSecondKeyport(env: Record<string, string>): Promise<SecondServer> {
  const [port, sandboxPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ["--import=tsx/esm", "tests/support/e2e-server.ts"], {
    env: {
      ...process.env,
      ...env,
      E2E_PORT: String(port),
      E2E_SANDBOX_PORT: String(sandboxPort),
    },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = `http://localhost:${port}`;
  const stop = async () => {
    // e2e-server.ts stops Keyport's process group on SIGTERM, drops its database, then exits.
    if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  };
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the second Keyport exited (${child.exitCode})`);
    const up = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { baseUrl, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`the second Keyport did not answer ${baseUrl}/api/health within 120 s`);
}
