// The lean path's dispatcher (server/lean.ts) on a real node:http server: which requests it takes
// (and which it leaves to Next), the decoded path parameters, the body it hands a handler (as
// attached bytes, no stream), and the answer it writes (attached bytes as they are, or a stream). The handlers here are plain web-standard functions; the e2e suites run the
// real execute and proxy routes through it (it is on in every production server).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frontListener } from "../../server/front";
import { LEAN_BODY_LIMIT, leanRoute } from "../../server/lean";
import { attachedBytes } from "../../lib/http/lean-body";
import { answer, readJson } from "../../lib/http/with-api-key";
import { leanEnabled, type LeanRoute } from "../../lib/server/lean-routes";

let table: readonly LeanRoute[] | undefined;
let server: http.Server;
let base = "";

const echo = async (req: Request, ctx: { params: Promise<Record<string, string>> }) => {
  const body = attachedBytes(req);
  return Response.json(
    {
      route: new URL(req.url).pathname,
      query: new URL(req.url).search,
      params: await ctx.params,
      bytes: body?.byteLength,
      stream: req.body !== null,
      peer: req.headers.get("x-keyport-peer"),
      method: req.method,
    },
    { headers: { "x-request-id": "req_test", "cache-control": "no-store" } },
  );
};

/** What an API route does: readJson, then `answer` (a ZodError-free echo of the parsed body). */
const api = async (req: Request) => {
  try {
    return answer(req, { got: await readJson(req, 100) }, 201, { "x-request-id": "req_api" });
  } catch (err) {
    return answer(req, { error: (err as Error).message }, 413);
  }
};

const routes: LeanRoute[] = [
  { path: "/api/json", handlers: { POST: api } },
  { path: "/api/things/static", handlers: { POST: echo } },
  { path: "/api/things/{id}/run", handlers: { POST: echo, dynamic: "force-dynamic" } },
  {
    path: "/api/long",
    handlers: {
      GET: (req: Request) =>
        Response.json({ text: "x".repeat(Number(new URL(req.url).searchParams.get("n"))) }),
    },
  },
  {
    path: "/api/stream",
    handlers: {
      GET: () =>
        new Response(
          new ReadableStream({
            async start(c) {
              for (const part of ["a", "b", "c"]) {
                c.enqueue(new TextEncoder().encode(part));
                await new Promise((r) => setTimeout(r, 5));
              }
              c.close();
            },
          }),
          { headers: { "content-type": "text/event-stream", "set-cookie": "x=1" } },
        ),
    },
  },
];

beforeAll(async () => {
  server = http.createServer();
  // Next's place: anything the lean path leaves alone ends here.
  const next = frontListener(
    (req, res) => {
      res.writeHead(299, { "content-type": "text/plain" });
      res.end(`next ${req.method} ${req.url}`);
    },
    [leanRoute(() => table)],
  );
  server.on("request", (req, res) => void next(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const post = (
  path: string,
  body?: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = {},
) => fetch(base + path, { method: "POST", body, headers });

describe("lean dispatch", () => {
  it("leaves everything to Next until a table is published", async () => {
    table = undefined;
    const r = await post("/api/things/static", "{}");
    expect(r.status).toBe(299);
    expect(await r.text()).toBe("next POST /api/things/static");
  });

  it("serves a matching route with decoded parameters, the body and the peer address", async () => {
    table = routes;
    const r = await post("/api/things/a%20b%2Fc/run?x=1", '{"a":1}', {
      "content-type": "application/json",
      "x-keyport-peer": "203.0.113.9",
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("x-frame-options")).toBe("DENY");
    expect(r.headers.get("x-request-id")).toBe("req_test");
    expect(r.headers.get("content-length")).toBe(String((await r.clone().text()).length));
    expect(await r.json()).toEqual({
      route: "/api/things/a%20b%2Fc/run",
      query: "?x=1",
      params: { id: "a b/c" },
      bytes: 7,
      stream: false,
      peer: "127.0.0.1", // the socket's, never the client's copy
      method: "POST",
    });
    const s = await post("/api/things/static");
    expect(((await s.json()) as { params: object }).params).toEqual({});
  });

  it("leaves other methods, trailing slashes, dot segments and other paths to Next", async () => {
    table = routes;
    for (const [method, path] of [
      ["GET", "/api/things/static"],
      ["OPTIONS", "/api/things/x/run"],
      ["POST", "/api/things/static/"],
      ["POST", "/api/things/../run"],
      ["POST", "/api/things/%2e%2e/run"],
      ["POST", "/api/things//run"],
      ["POST", "/api/things/x/run/more"],
      ["POST", "/api/other"],
      ["POST", "/api/things/x/dynamic"],
    ] as const) {
      // node:http sends the path as written (fetch would resolve the dot segments first).
      const status = await new Promise<number>((resolve, reject) =>
        http
          .request(base + "/", { method, path }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on("error", reject)
          .end(),
      );
      expect(status, `${method} ${path}`).toBe(299);
    }
  });

  it("hands over at most LEAN_BODY_LIMIT bytes, so the handler's own limit answers", async () => {
    table = routes;
    const big = new Uint8Array(LEAN_BODY_LIMIT + 50_000).fill(97);
    // Chunked (no length): read up to the limit, the rest dropped.
    const chunked = await fetch(base + "/api/things/static", {
      method: "POST",
      body: new Blob([big]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(((await chunked.json()) as { bytes: number }).bytes).toBe(LEAN_BODY_LIMIT);
    // A declared length over the limit is not read at all.
    const declared = await post("/api/things/static", big);
    expect(((await declared.json()) as { bytes: number }).bytes).toBe(0);
  });

  it("reads an API body from the attached bytes and writes the answer's bytes as they are", async () => {
    table = routes;
    const r = await post("/api/json", '{"a":[1,"é"]}', { "content-type": "application/json" });
    expect(r.status).toBe(201);
    expect(r.headers.get("x-request-id")).toBe("req_api");
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(r.headers.get("cache-control")).toBe("no-store");
    const text = await r.clone().text();
    expect(r.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(await r.json()).toEqual({ got: { a: [1, "é"] } });
    // readJson's own limit applies to attached bytes as to a stream (no declared length here).
    const big = await fetch(base + "/api/json", {
      method: "POST",
      body: new Blob(["[" + "1,".repeat(100) + "1]"]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: "Request body is larger than 100 bytes" });
    // The same handler behind Next (a Request with a body stream) answers the same.
    const viaNext = await api(
      new Request("http://x/api/json", { method: "POST", body: '{"a":[1,"é"]}' }),
    );
    expect(attachedBytes(viaNext)).toBeUndefined();
    expect(await viaNext.json()).toEqual({ got: { a: [1, "é"] } });
  });

  it("passes a streamed answer on as it comes, cookies included", async () => {
    table = routes;
    const r = await fetch(base + "/api/stream");
    expect(r.headers.get("content-type")).toBe("text/event-stream");
    expect(r.headers.get("set-cookie")).toBe("x=1");
    expect(r.headers.get("content-length")).toBeNull();
    expect(await r.text()).toBe("abc");
  });

  it("sends a long answer whole, with its length and uncompressed even when gzip is accepted", async () => {
    table = routes;
    const r = await fetch(base + "/api/long?n=100000", {
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    expect(r.headers.get("content-encoding")).toBeNull();
    expect(Number(r.headers.get("content-length"))).toBeGreaterThan(100_000);
    expect(((await r.json()) as { text: string }).text).toHaveLength(100_000);
  });

  it("is on in production and off in development unless KEYPORT_LEAN says otherwise", () => {
    expect(leanEnabled(undefined, false)).toBe(true);
    expect(leanEnabled(undefined, true)).toBe(false);
    expect(leanEnabled("on", true)).toBe(true);
    expect(leanEnabled("off", false)).toBe(false);
  });
});
