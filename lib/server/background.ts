// Background sweeps (expire abandoned flows, refresh tokens ahead of expiry); multi-instance safe.
import type { DbHandle } from "@/db";
import type { Deps } from "@/lib/core/deps";
import { expireAbandonedFlows, refreshExpiringTokens } from "@/lib/core/sweeps";
import { deleteOldWebhookMessages } from "@/lib/core/webhooks/deliver";
import { logError } from "@/lib/log";
import { startWebhookWorker, type WebhookWorker } from "./webhook-worker";

const g = globalThis as unknown as {
  __keyportBackground?: boolean;
  __keyportBackgroundStopped?: boolean;
  __keyportWebhookWorker?: Promise<WebhookWorker>;
};
const SWEEP_MS = 30_000;

/** Run `sweep` every `ms`, counted from the end of the previous run so slow runs never overlap. */
function repeat(name: string, ms: number, sweep: () => Promise<unknown>): void {
  const schedule = () => {
    if (g.__keyportBackgroundStopped) return;
    setTimeout(() => {
      if (g.__keyportBackgroundStopped) return;
      void sweep()
        .catch((err: unknown) => logError(`${name} failed`, err))
        .finally(schedule);
    }, ms).unref();
  };
  schedule();
}

/** Start the periodic sweeps and the webhook delivery worker once per process. */
export function startBackground(
  deps: Deps,
  opts: { listen?: DbHandle["listen"]; webhookRetentionDays?: number } = {},
): void {
  if (g.__keyportBackground) return;
  g.__keyportBackground = true;
  repeat("expire sweep", SWEEP_MS, () => expireAbandonedFlows(deps));
  // A refresh sweep can take a while (one token request per row, 15 s timeout each).
  repeat("refresh sweep", SWEEP_MS, () => refreshExpiringTokens(deps));
  g.__keyportWebhookWorker = startWebhookWorker(deps, opts.listen);
  g.__keyportWebhookWorker.catch((err: unknown) => logError("webhook worker failed to start", err));
  repeat("webhook retention sweep", 3600_000, () =>
    deleteOldWebhookMessages(deps, opts.webhookRetentionDays ?? 30),
  );
}

/** At shutdown: start no further sweep (one already running finishes or is cut by the exit). */
export function stopBackground(): void {
  g.__keyportBackgroundStopped = true;
  void g.__keyportWebhookWorker?.then((w) => w.stop()).catch(() => undefined);
}
