// `npm run keys:rotate` – re-encrypt every stored secret under the first key of KEYPORT_ENCRYPTION_KEYS.
import { openDb, type DbHandle } from "@/db";
import { migrate } from "@/db/migrate";
import { PgliteLockedError } from "@/db/pglite-lock";
import { countRowsPerKey, rotateSecrets } from "@/lib/core/rotate";
import { createKeyring, parseKeyring } from "@/lib/crypto";
import { loadEnv } from "@/lib/env";

type PerColumn = Awaited<ReturnType<typeof countRowsPerKey>>;

/** Rows per key id for each column; with `after`, side by side with the counts before. */
function printTable(before: PerColumn, after?: PerColumn): void {
  const rows: string[][] = [
    after ? ["column", "key id", "before", "after"] : ["column", "key id", "rows"],
  ];
  for (const name of Object.keys(before) as Array<keyof PerColumn>) {
    const kids = [...new Set([...Object.keys(before[name]), ...Object.keys(after?.[name] ?? {})])];
    if (kids.length === 0) rows.push(after ? [name, "–", "0", "0"] : [name, "–", "0"]);
    for (const kid of kids.sort()) {
      const counts = [before[name][kid] ?? 0, ...(after ? [after[name][kid] ?? 0] : [])];
      rows.push([name, kid, ...counts.map(String)]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    console.log(
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    );
}

async function main(): Promise<number> {
  const env = loadEnv();
  const keyIds = [...parseKeyring(env.encryptionKeys).keys()];
  const keyring = createKeyring(env.encryptionKeys);
  let handle: DbHandle;
  if (env.databaseUrl) {
    handle = await openDb({ url: env.databaseUrl });
  } else {
    // PGlite is single-process: openDb refuses a directory a running server holds.
    try {
      handle = await openDb({ pgliteDir: env.pgliteDir });
    } catch (err) {
      if (!(err instanceof PgliteLockedError)) throw err;
      console.error(
        `${err.message}\nWith PGlite, stop the Keyport server, run npm run keys:rotate, then start the server again.`,
      );
      return 1;
    }
  }
  try {
    await migrate(handle);
    const before = await countRowsPerKey(handle);
    const present = new Set(Object.values(before).flatMap((perKey) => Object.keys(perKey)));
    const unknown = [...present].filter((kid) => !keyIds.includes(kid));
    if (unknown.length > 0) {
      console.error(
        `Secrets are stored under key id(s) ${unknown.join(", ")} that KEYPORT_ENCRYPTION_KEYS does not hold. ` +
          `Add them after the new key (e.g. "${keyring.currentKeyId}:…,${unknown[0]}:…") and run again.`,
      );
      printTable(before);
      return 1;
    }
    const old = [...present].filter((kid) => kid !== keyring.currentKeyId);
    if (old.length === 0) {
      const hint =
        keyIds.length === 1
          ? ` To rotate, put a new key first in KEYPORT_ENCRYPTION_KEYS and keep "${keyring.currentKeyId}" after it, restart the server, then run this again.`
          : "";
      console.log(
        `Nothing to do: every stored secret is already under key "${keyring.currentKeyId}".${hint}`,
      );
      printTable(before);
      return 0;
    }
    console.log(
      `Re-encrypting secrets under ${old.join(", ")} with key "${keyring.currentKeyId}"…`,
    );
    const result = await rotateSecrets({ db: handle.db, keyring });
    const after = await countRowsPerKey(handle);
    printTable(before, after);
    console.log(`Re-encrypted ${result.reencrypted} value(s).`);
    const left = Object.entries(result.perKeyAfter).filter(([kid]) => kid !== keyring.currentKeyId);
    if (left.length > 0) {
      // Rows written concurrently by a server still running with the old key order.
      console.log(
        `Still under old keys: ${left.map(([kid, n]) => `${kid}=${n}`).join(", ")}. ` +
          "Make sure every server runs with the new KEYPORT_ENCRYPTION_KEYS, then run this again.",
      );
    } else {
      console.log(
        `Every secret is under "${keyring.currentKeyId}"; older keys can be removed from KEYPORT_ENCRYPTION_KEYS.`,
      );
    }
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`keys:rotate failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
