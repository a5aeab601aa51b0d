// Where development keeps the first admin's generated password: one file per database, so
// switching between PGlite and Postgres (or between two databases) never overwrites another's.
import crypto from "node:crypto";
import path from "node:path";
import type { Env } from "@/lib/env";

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80);
const short = (s: string) => crypto.createHash("sha256").update(s).digest("hex").slice(0, 8);

/**
 * `<dataDir>/first-admin.<database>.txt`: `postgres-<db>-<host>-<port>` for a DATABASE_URL,
 * `pglite-<dir name>-<hash of its full path>` for a PGlite directory.
 */
export function firstAdminFile(e: Pick<Env, "dataDir" | "databaseUrl" | "pgliteDir">): string {
  let label: string;
  if (e.databaseUrl) {
    const u = new URL(e.databaseUrl);
    const db = decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres";
    label = safe(`postgres-${db}-${u.hostname}-${u.port || "5432"}`);
  } else {
    const dir = path.resolve(/*turbopackIgnore: true*/ e.pgliteDir);
    label = `pglite-${safe(path.basename(dir))}-${short(dir)}`;
  }
  return path.resolve(/*turbopackIgnore: true*/ e.dataDir, `first-admin.${label}.txt`);
}
