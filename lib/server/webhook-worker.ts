// The webhook delivery worker, one per instance: woken at commit by the outbox's NOTIFY (so a
// delivery starts within milliseconds of the change) and by a poll for retries that fall due.
// N instances share the queue safely: each claim is FOR UPDATE SKIP LOCKED (lib/core/webhooks/deliver.ts).
import type { DbHandle } from "@/db";
import type { Deps } from "@/lib/core/deps";
import { deliverDue } from "@/lib/core/webhooks/deliver";
import { WEBHOOK_CHANNEL } from "@/lib/core/webhooks/outbox";
import { logError } from "@/lib/log";

export interface WebhookWorker {
  /** Look for due deliveries now. */
  kick(): void;
  /** Stop claiming; resolves once the batch in flight is finished. */
  stop(): Promise<void>;
}

const POLL_MS = 1_000;

export async function startWebhookWorker(
  deps: Pick<Deps, "db" | "keyring" | "allowLoopbackEgress">,
  listen: DbHandle["listen"] | undefined,
  opts: { pollMs?: number; batch?: number; leaseMs?: number } = {},
): Promise<WebhookWorker> {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const run = async () => {
    do {
      again = false;
      // Keep claiming while batches come back full or a wake-up arrived meanwhile.
      while (
        !stopped &&
        (await deliverDue(deps, { limit: opts.batch ?? 20, leaseMs: opts.leaseMs })) > 0
      );
    } while (again && !stopped);
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = run()
      .catch((err: unknown) => logError("webhook delivery failed", err))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(kick, opts.pollMs ?? POLL_MS);
  timer.unref();
  const unlisten = listen ? await listen(WEBHOOK_CHANNEL, kick, kick) : undefined;
  kick();
  return {
    kick,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await unlisten?.().catch(() => undefined);
      await running;
    },
  };
}
