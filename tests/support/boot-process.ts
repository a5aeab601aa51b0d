// The server's start-up (lib/server/boot.ts, what instrumentation.ts runs inside Next) in a process
// of its own, for tests of how it fails: it says "booted" and exits 0 once the runtime is up.
import { boot } from "@/lib/server/boot";

void boot().then(() => {
  console.log("booted");
  process.exit(0);
});
