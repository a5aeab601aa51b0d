import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EgressError, egressFetch, egressFetchFn } from "@/lib/egress";

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
interface Local {
  server: Server;
  origin: string;
  port: number;
  connections: number;
  hits: number;
}

async function listen(handler: Handler): Promise<Local> {
  const server = createServer((req, res) => {
    local.hits += 1;
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => handler(req, body, res));
  });
  const local: Local = { server, origin: "", port: 0, connections: 0, hits: 0 };
  server.on("connection", () => (local.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  local.port = (server.address() as AddressInfo).port;
  local.origin = `http://127.0.0.1:${local.port}`;
  return local;
}

function echo(req: IncomingMessage, body: string, res: ServerResponse): void {
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
}

interface Echo {
  method: string;
  url: string;
  headers: Record<string, string | undefined>;
  body: string;
}

const dev = { allowLoopback: true };
const secrets = { authorization: "Bearer tok", "x-api-key": "k", cookie: "s=1", accept: "*/*" };
let a: Local;
let b: Local;
let silent: Local;

beforeAll(async () => {
  b = await listen(echo);
  silent = await listen(() => undefined); // never answers
  a = await listen((req, body, res) => {
    const redirect = (status: number, location: string) => {
      res.writeHead(status, { location });
      res.end();
    };
    const path = req.url ?? "/";
    if (path === "/chain") return redirect(302, "/chain2");
    if (path === "/chain2") return redirect(301, "/echo");
    if (path === "/cross") return redirect(302, `http://localhost:${b.port}/landed`);
    if (path === "/cross-port") return redirect(307, `${b.origin}/landed`);
    if (path === "/metadata") return redirect(302, "http://169.254.169.254/latest/meta-data");
    if (path === "/loop") return redirect(302, "/loop");
    if (path === "/form") return redirect(303, "/echo");
    if (path === "/keep") return redirect(307, "/echo");
    if (path === "/gzip") {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      return res.end(gzipSync(JSON.stringify({ zipped: true })));
    }
    if (path === "/big") {
      res.writeHead(200, { "content-type": "application/octet-stream" }); // chunked, no length
      const chunk = Buffer.alloc(64 * 1024, 1);
      let sent = 0;
      const pump = () => {
        while (sent < 2 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      return pump();
    }
    echo(req, body, res);
  });
});

afterAll(() => {
  for (const s of [a, b, silent]) s.server.closeAllConnections();
  for (const s of [a, b, silent]) s.server.close();
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  return err instanceof EgressError ? err.code : `not an EgressError: ${String(err)}`;
}

describe("egressFetch against local servers (loopback allowed)", () => {
  it("round-trips JSON and sends the caller's headers", async () => {
    const res = await egressFetch(`${a.origin}/echo?x=1`, { headers: { "X-Api-Key": "k1" } }, dev);
    expect(res.status).toBe(200);
    const data = res.json<Echo>();
    expect(data?.url).toBe("/echo?x=1");
    expect(data?.headers["x-api-key"]).toBe("k1");
    expect(res.headers["content-type"]).toBe("application/json");
    expect(res.text()).toContain('"method":"GET"');
  });

  it("follows a same-origin redirect chain keeping credentials", async () => {
    const res = await egressFetch(`${a.origin}/chain`, { headers: secrets }, dev);
    expect(res.url).toBe(`${a.origin}/echo`);
    const { headers } = res.json<Echo>()!;
    expect([headers.authorization, headers["x-api-key"], headers.cookie]).toEqual([
      "Bearer tok",
      "k",
      "s=1",
    ]);
  });

  it.each(["/cross", "/cross-port"])("drops credentials on a cross-origin hop (%s)", async (p) => {
    const res = await egressFetch(`${a.origin}${p}`, { headers: secrets }, dev);
    const { headers, url } = res.json<Echo>()!;
    expect(url).toBe("/landed");
    expect(headers.authorization).toBeUndefined();
    expect(headers["x-api-key"]).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
    expect(headers.accept).toBe("*/*");
  });

  it("refuses to resend a POST body to another origin on 307", async () => {
    const p = egressFetch(`${a.origin}/cross-port`, { method: "POST", body: "secret=1" }, dev);
    expect(await codeOf(p)).toBe("blocked_host");
  });

  it("refuses a redirect to the metadata address", async () => {
    expect(await codeOf(egressFetch(`${a.origin}/metadata`, {}, dev))).toBe("blocked_address");
  });

  it("stops a redirect loop", async () => {
    const p = egressFetch(`${a.origin}/loop`, {}, { ...dev, maxRedirects: 3 });
    expect(await codeOf(p)).toBe("too_many_redirects");
  });

  it("times out a server that never answers", async () => {
    const started = Date.now();
    const p = egressFetch(`${silent.origin}/`, {}, { ...dev, timeoutMs: 300 });
    expect(await codeOf(p)).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("stops reading a body past maxResponseBytes", async () => {
    const p = egressFetch(`${a.origin}/big`, {}, { ...dev, maxResponseBytes: 1024 * 1024 });
    expect(await codeOf(p)).toBe("too_large");
  });

  it("turns POST into a bodiless GET after 303, keeps it on 307", async () => {
    const init = { method: "POST", body: "a=1", headers: { "content-type": "text/plain" } };
    const after303 = (await egressFetch(`${a.origin}/form`, init, dev)).json<Echo>()!;
    expect([after303.method, after303.body, after303.headers["content-type"]]).toEqual([
      "GET",
      "",
      undefined,
    ]);
    const after307 = (await egressFetch(`${a.origin}/keep`, init, dev)).json<Echo>()!;
    expect([after307.method, after307.body]).toEqual(["POST", "a=1"]);
  });

  it("decodes gzip bodies", async () => {
    const res = await egressFetch(`${a.origin}/gzip`, {}, dev);
    expect(res.json()).toEqual({ zipped: true });
    expect(res.headers["content-encoding"]).toBeUndefined();
  });
});

describe("egressFetch with loopback refused", () => {
  it("refuses the local server without opening a connection", async () => {
    const fresh = await listen(echo);
    const strict = { allowLoopback: false };
    for (const url of [
      `${fresh.origin}/`,
      `https://127.0.0.1:${fresh.port}/`,
      "https://localhost/",
    ]) {
      expect(await codeOf(egressFetch(url, {}, strict))).toBe("blocked_address");
    }
    expect(fresh.connections).toBe(0);
    fresh.server.close();
  });
});

describe("egressFetchFn", () => {
  it("returns a Response usable by res.json()", async () => {
    const f = egressFetchFn(dev);
    const res = await f(new URL(`${a.origin}/chain`), {
      method: "POST",
      headers: new Headers({ authorization: "Basic abc" }),
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });
    expect(res.ok).toBe(true);
    expect(res.url).toBe(`${a.origin}/echo`);
    const data = (await res.json()) as Echo;
    expect(data.method).toBe("GET"); // 302 after POST becomes GET
    const direct = (await (
      await f(
        new Request(`${a.origin}/echo`, { method: "POST", body: new URLSearchParams({ a: "1" }) }),
      )
    ).json()) as Echo;
    expect(direct.body).toBe("a=1");
    expect(direct.headers["content-type"]).toContain("application/x-www-form-urlencoded");
  });

  it("honours redirect: 'manual' as oauth4webapi sends it", async () => {
    const res = await egressFetchFn(dev)(`${a.origin}/chain`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/chain2");
  });

  it("raises EgressError for refused targets", async () => {
    const f = egressFetchFn({ allowLoopback: false });
    expect(await codeOf(f("https://user:pw@example.com/"))).toBe("userinfo");
    expect(await codeOf(f(`${a.origin}/echo`))).toBe("blocked_address");
  });
});
