// Keyport's server process: `npm start` (production) and `npm run dev` (--dev, Turbopack).
// One HTTP server, one port; server/front.ts checks each request, then Next answers it.
import http from "node:http";
import { publishedLeanRoutes } from "../lib/server/lean-routes";
import { frontListener, refuseConnect } from "./front";
import { leanRoute } from "./lean";

/** The value after `-x`/`--name` on the command line (as `next start -p 3000 -H 127.0.0.1`). */
function flag(short: string, long: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === short || a === long);
  return i === -1 ? undefined : args[i + 1];
}

const dev = process.argv.includes("--dev");
const port = Number(flag("-p", "--port") ?? (process.env.PORT || 3000));
// Like `next start`: every interface unless -H names one (not $HOSTNAME, which is the machine's name).
const hostname = flag("-H", "--hostname");
// In-flight requests get this long to finish on SIGTERM before the process exits anyway.
const DRAIN_MS = 10_000;

async function main(): Promise<void> {
  process.title = "keyport-server";
  // tsx (which runs this file) turns source maps on for the whole process. Next's server chunks
  // ship .map files: with maps on, Node parses them as chunks load and maps every Error's stack
  // (Next throws for redirects and not-found). Measured on PGlite, 160 mixed requests: 12.9 s and
  // 762 MB RSS with maps on, 9.7 s and 634 MB off; with maps on, the e2e server hit the 256 MB heap
  // cap. Development keeps them: `next dev` maps server stack traces for the error overlay.
  if (!dev) process.setSourceMapsEnabled(false);
  // As `next start`/`next dev` would; read by modules as they load, so set before Next is imported.
  (process.env as Record<string, string>).NODE_ENV ??= dev ? "development" : "production";
  const { default: next } = await import("next");
  const server = http.createServer();
  const app = next({
    dev,
    dir: process.cwd(),
    hostname: hostname ?? "localhost",
    port,
    httpServer: server,
    ...(dev ? { turbopack: true } : {}),
  });
  await app.prepare();
  // The hot API routes (execute, proxy) skip Next's router once instrumentation.ts has published
  // their handlers from inside Next's bundle; until then, and with KEYPORT_LEAN=off, Next serves them.
  const listener = frontListener(app.getRequestHandler(), [leanRoute(publishedLeanRoutes)]);
  server.on("request", (req, res) => void listener(req, res));
  server.on("connect", refuseConnect);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve());
  });
  console.log(
    `Keyport ${dev ? "(dev) " : ""}listening on http://${hostname ?? "localhost"}:${port}`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const code = signal === "SIGINT" ? 130 : 143;
    const drained = new Promise<void>((resolve) => {
      // No new connections; idle keep-alive ones close now, busy ones after their answer.
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, DRAIN_MS).unref());
    void Promise.race([drained, deadline])
      .then(() => app.close())
      .catch((err: unknown) => console.error("shutdown:", err))
      // lib/server/shutdown.ts holds this exit until the app's shutdown hooks (flushing the
      // execution log, closing the database) have run; it lives in Next's bundle, not here.
      .finally(() => process.exit(code));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err: unknown) => {
  console.error("Keyport failed to start:", err);
  process.exit(1);
});
