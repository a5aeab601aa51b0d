// The bench's reference model (issue 16): the same work as one Keyport execute, on plain node:http
// with no framework — API-key check (SHA-256 of the key, looked up in memory as Keyport's cache
// does), one Postgres query by id, an AES-256-GCM decrypt of the stored credential, one upstream
// call through a keep-alive undici pool, one insert into a log table, a JSON answer. Run as its
// own process (`tsx bench/reference.ts`), like Keyport, so the load generator is not in it.
// Env: REFERENCE_PORT, DATABASE_URL, REFERENCE_UPSTREAM (the sandbox's notes URL),
// REFERENCE_UPSTREAM_KEY, REFERENCE_API_KEY. Prints "reference ready" once it listens.
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import postgres from "postgres";
import { Agent, request } from "undici";

const need = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

const port = Number(need("REFERENCE_PORT"));
const upstream = new URL(need("REFERENCE_UPSTREAM"));
const sql = postgres(need("DATABASE_URL"), { max: 10, onnotice: () => {} });
const dataKey = randomBytes(32);
const agent = new Agent({ keepAliveTimeout: 4_000, connections: 64 });
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function setup(): Promise<{ keys: Map<string, string>; connectionId: string }> {
  await sql`create table if not exists bench_ref_connections (
    id text primary key, project_id text not null, iv bytea not null, tag bytea not null, sealed bytea not null)`;
  await sql`create table if not exists bench_ref_log (
    id text primary key, project_id text not null, connection_id text not null,
    status int not null, duration_ms int not null, at timestamptz not null default now())`;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", dataKey, iv);
  const sealed = Buffer.concat([
    cipher.update(JSON.stringify({ api_key: need("REFERENCE_UPSTREAM_KEY") })),
    cipher.final(),
  ]);
  const connectionId = `ca_${randomUUID()}`;
  await sql`insert into bench_ref_connections values (${connectionId}, 'p1', ${iv}, ${cipher.getAuthTag()}, ${sealed})`;
  return { keys: new Map([[sha256(need("REFERENCE_API_KEY")), "p1"]]), connectionId };
}

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(text);
}

async function main(): Promise<void> {
  const { keys, connectionId } = await setup();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const started = performance.now();
        const projectId = keys.get(sha256(String(req.headers["x-api-key"] ?? "")));
        if (!projectId) return answer(res, 401, { error: "unauthorized" });
        const input = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as {
          arguments?: { limit?: number };
        };
        const [row] = await sql<Array<{ iv: Buffer; tag: Buffer; sealed: Buffer }>>`
          select iv, tag, sealed from bench_ref_connections where id = ${connectionId} and project_id = ${projectId}`;
        if (!row) return answer(res, 404, { error: "not found" });
        const decipher = createDecipheriv("aes-256-gcm", dataKey, row.iv);
        decipher.setAuthTag(row.tag);
        const secrets = JSON.parse(
          Buffer.concat([decipher.update(row.sealed), decipher.final()]).toString("utf8"),
        ) as { api_key: string };
        const url = new URL(upstream);
        url.searchParams.set("limit", String(input.arguments?.limit ?? 1));
        const up = await request(url, {
          dispatcher: agent,
          headers: { "x-api-key": secrets.api_key, accept: "application/json" },
        });
        const data = await up.body.json();
        await sql`insert into bench_ref_log (id, project_id, connection_id, status, duration_ms)
          values (${`log_${randomUUID()}`}, ${projectId}, ${connectionId}, ${up.statusCode}, ${Math.round(performance.now() - started)})`;
        answer(res, 200, { data, successful: up.statusCode < 400, error: null });
      })().catch((err: unknown) => answer(res, 500, { error: String(err) }));
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  process.stdout.write("reference ready\n");
  process.on("SIGTERM", () => {
    server.close();
    void sql.end({ timeout: 2 }).finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`reference failed: ${String(err)}\n`);
  process.exit(1);
});
