// Stoplight Prism serving GitHub's official OpenAPI description, behind a recorder that keeps every
// request Keyport sends (Prism does not validate this spec's request bodies, so tests assert them).
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { freePort } from "./free-port";

export interface Recorded {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface GitHubStandIn {
  origin: string;
  requests: Recorded[];
  close(): Promise<void>;
}

const SPEC = path.resolve("node_modules/@octokit/openapi/generated/api.github.com.json");

/** Wait until Prism answers over HTTP; fail at once, with its output, if it exits first. */
async function waitFor(prism: ChildProcess, output: () => string, url: string, timeoutMs: number) {
  let exited: string | undefined;
  prism.once("exit", (code, signal) => (exited = `exited (${signal ?? `code ${code}`})`));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !exited) {
    const ok = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  prism.kill("SIGKILL");
  const why = exited ?? `did not answer ${url} within ${timeoutMs} ms`;
  throw new Error(`Prism ${why}; its last output:\n${output()}`);
}

/** Start Prism on a free port and a recording proxy in front of it. */
export async function startGitHubStandIn(): Promise<GitHubStandIn> {
  const prismPort = await freePort();
  const prism: ChildProcess = spawn(
    path.resolve("node_modules/.bin/prism"),
    ["mock", SPEC, "-h", "127.0.0.1", "-p", String(prismPort), "--errors", "false"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-4000));
  prism.stdout?.on("data", keep);
  prism.stderr?.on("data", keep);
  await waitFor(prism, () => output, `http://127.0.0.1:${prismPort}/meta`, 120_000);
  prism.stdout?.removeAllListeners("data").resume();
  prism.stderr?.removeAllListeners("data").resume();
  const requests: Recorded[] = [];
  const recorder = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      const upstream = http.request(
        {
          host: "127.0.0.1",
          port: prismPort,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: `127.0.0.1:${prismPort}` },
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", () => res.writeHead(502).end());
      upstream.end(body);
    });
  });
  await new Promise<void>((r) => recorder.listen(0, "127.0.0.1", r));
  const { port } = recorder.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      prism.kill("SIGTERM");
      await new Promise<void>((r) => recorder.close(() => r()));
    },
  };
}
