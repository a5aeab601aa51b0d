// A second process holding a PGlite directory, run by integration tests (PGLITE_DIR).
// It opens the database and says "holding <pid>"; on stdin "close" it closes it and lives on,
// on "exit" it ends.
import readline from "node:readline";
import { openDb } from "@/db";

async function hold(): Promise<void> {
  const handle = await openDb({ pgliteDir: process.env.PGLITE_DIR! });
  console.log(`holding ${process.pid}`);
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line === "close") {
      await handle.close();
      console.log("closed");
    }
    if (line === "exit") process.exit(0);
  }
}

void hold();
