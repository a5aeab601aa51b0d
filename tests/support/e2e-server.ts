// Starts the built Keyport for Playwright on a fresh database (PGlite dir or a new Postgres database).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPgDatabase, serverUrl } from "./db";
import { e2eServerEnv } from "./e2e-env";

/** package.json's `start` script as argv (`node --flags server/main.ts`). */
function startCommand(): string[] {
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as {
    scripts: Record<string, string>;
  };
  return pkg.scripts.start!.split(" ").filter(Boolean);
}

async function main(): Promise<void> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...e2eServerEnv,
  };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-e2e-"));
  env.KEYPORT_DATA_DIR = dataDir;
  let drop: (() => Promise<void>) | undefined;
  const base = serverUrl();
  if (base) {
    const created = await createPgDatabase(base);
    env.DATABASE_URL = created.url;
    drop = created.drop;
  } else {
    delete env.DATABASE_URL;
    env.PGLITE_DIR = path.join(dataDir, "pglite");
  }
  // `npm start`'s command (the front server, server/main.ts), run directly. Its own process group,
  // so stopping it also stops anything it started.
  const [node, ...args] = startCommand();
  const child = spawn(
    node === "node" ? process.execPath : node!,
    [...args, "-p", e2eServerEnv.PORT!],
    {
      env: env as NodeJS.ProcessEnv,
      stdio: "inherit",
      detached: true,
    },
  );
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  child.on("exit", (code) => {
    void (drop ? drop() : Promise.resolve())
      .catch(() => {})
      .finally(() => {
        fs.rmSync(dataDir, { recursive: true, force: true });
        process.exit(code ?? 0);
      });
  });
}

void main();
