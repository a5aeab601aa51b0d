// Background sweeps (expire abandoned flows, refresh tokens ahead of expiry); multi-instance safe.
import type { Deps } from "@/lib/core/deps";
import { expireAbandonedFlows, refreshExpiringTokens } from "@/lib/core/sweeps";
import { logError } from "@/lib/log";

const g = globalThis as unknown as { __keyportBackground?: NodeJS.Timeout[] };
const SWEEP_MS = 30_000;

/** Start the periodic sweeps once per process. */
export function startBackground(deps: Deps): void {
  if (g.__keyportBackground) return;
  const sweep = setInterval(() => {
    expireAbandonedFlows(deps).catch((err: unknown) => logError("expire sweep failed", err));
    refreshExpiringTokens(deps).catch((err: unknown) => logError("refresh sweep failed", err));
  }, SWEEP_MS);
  sweep.unref();
  g.__keyportBackground = [sweep];
}
