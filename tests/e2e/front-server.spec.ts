// The front server (server/main.ts, server/front.ts) answers what Next would turn into a 500 (issue
// 11 item 8): unknown methods, CONNECT, undecodable paths, a broken Host header, cross-origin and
// oversized server actions. Raw node:http and node:net, so nothing rewrites the request on the way.
import http from "node:http";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { BOOTSTRAP_KEY, E2E_PORT } from "../support/e2e-env";
import { serverActions } from "../support/e2e/security";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request exactly as given (method, path and headers untouched). */
function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: E2E_PORT, method, path, headers: { ...headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const apiError = (a: Answer) => {
  expect(a.headers["content-type"]).toContain("application/json");
  const json = JSON.parse(a.body) as {
    error: { message: string; code: string; status: number; request_id: string };
  };
  expect(json.error.status).toBe(a.status);
  expect(json.error.message.length).toBeGreaterThan(5);
  expect(json.error.request_id).toMatch(/^req_/);
  return json.error;
};

test("unknown methods are a 405 (JSON on the API, text on pages), CONNECT included", async () => {
  for (const method of ["TRACE", "PROPFIND", "MKCOL"]) {
    const api = await send(method, "/api/v3.1/connected_accounts", { "x-api-key": BOOTSTRAP_KEY });
    expect(api.status, method).toBe(405);
    expect(api.headers.allow).toContain("GET");
    expect(apiError(api).code).toBe("method_not_allowed");
    const page = await send(method, "/sign-in");
    expect(page.status, method).toBe(405);
    expect(page.headers["content-type"]).toContain("text/plain");
  }
  // TRACK is not even HTTP to Node's parser: a 400, never a 5xx.
  expect((await send("TRACK", "/api/health")).status).toBe(400);
  const connect = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(E2E_PORT, "127.0.0.1", () =>
      socket.write(`CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n`),
    );
    let text = "";
    socket.on("data", (d: Buffer) => (text += d.toString("utf8")));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
  expect(connect).toMatch(/^HTTP\/1\.1 405 /);
});

test("a path with invalid percent-encoding is a 400 in the API's error shape", async () => {
  for (const path of [
    "/api/v3.1/connected_accounts/ca_%ff",
    "/api/v3.1/connected_accounts/ca_%zz",
    "/api/v3.1/auth_configs/%",
    "/api/v2/actions/%c0%ae/execute",
  ]) {
    const a = await send("GET", path, { "x-api-key": BOOTSTRAP_KEY });
    expect(a.status, path).toBe(400);
    expect(apiError(a).message).toMatch(/percent-encoding/);
  }
  expect((await send("GET", "/connections/%ff")).status).toBe(400);
});

test("a NUL byte in an id or a filter is a 400 naming the field", async () => {
  const id = await send("GET", "/api/v3.1/connected_accounts/ca_%00", {
    "x-api-key": BOOTSTRAP_KEY,
  });
  expect(id.status).toBe(400);
  expect(apiError(id).message).toMatch(/^id: /);
  const filter = await send("GET", "/api/v3.1/connected_accounts?user_ids=a%00b", {
    "x-api-key": BOOTSTRAP_KEY,
  });
  expect(filter.status).toBe(400);
  expect(apiError(filter).message).toMatch(/^user_ids: /);
});

test("a control character in a page's path or query is a 400 before any page code runs", async () => {
  for (const path of ["/connections?q=a%00b", "/entities?search=%0d%0a", "/connections/ca_%00"]) {
    const a = await send("GET", path);
    expect(a.status, path).toBe(400);
    expect(a.body).toMatch(/must not contain control characters/);
  }
});

test("a Host header that is not a host name is a 400", async () => {
  const a = await send("GET", "/sign-in", { host: "a b" });
  expect(a.status).toBe(400);
});

test("a client cannot set the peer address the app reads", async () => {
  // The header is the socket's; a forged one is replaced, so the API still works as for anyone.
  const a = await send("GET", "/api/v3.1/connected_accounts?limit=1", {
    "x-api-key": BOOTSTRAP_KEY,
    "x-keyport-peer": "203.0.113.7",
  });
  expect(a.status).toBe(200);
});

test("server actions: cross-origin is a 403, over 1 MB a 413", async () => {
  const action = serverActions().find((a) => a.pages.some((p) => p.includes("sign-in")));
  expect(action?.id, "the sign-in page's server action").toMatch(/^[0-9a-f]{8,}$/);
  const base = { "next-action": action!.id, "content-type": "text/plain;charset=UTF-8" };
  for (const origin of ["https://evil.example", "null", "http://localhost:1"]) {
    const a = await send("POST", "/sign-in", { ...base, origin }, "[]");
    expect(a.status, origin).toBe(403);
  }
  const multipart = await send(
    "POST",
    "/sign-in",
    {
      origin: "https://evil.example",
      "content-type": "multipart/form-data; boundary=x",
    },
    `--x\r\nContent-Disposition: form-data; name="$ACTION_ID_${action!.id}"\r\n\r\n\r\n--x--\r\n`,
  );
  expect(multipart.status).toBe(403);
  const big = await send(
    "POST",
    "/sign-in",
    { ...base, origin: `http://127.0.0.1:${E2E_PORT}` },
    Buffer.alloc(1024 * 1024 + 1, "a"),
  );
  expect(big.status).toBe(413);
});
