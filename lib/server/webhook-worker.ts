// The webhook delivery worker, one per instance: woken at commit by the outbox's NOTIFY (so a
// delivery starts within milliseconds of the change) and by a poll for retries that fall due.
// N instances share the queue safely: each claim is FOR UPDATE SKIP LOCKED (lib/core/webhooks/deliver.ts).
//
// Deliveries are a pool, not batches: up to `concurrency` posts are in flight, and a wake-up
// claims into the free slots at once instead of waiting for the slowest post of a batch.
import type { DbHandle } from "@/db";
import type { Deps } from "@/lib/core/deps";
import { claimDue, sendClaimed } from "@/lib/core/webhooks/deliver";
import { WEBHOOK_CHANNEL } from "@/lib/core/webhooks/outbox";
import { logError } from "@/lib/log";

export interface WebhookWorker {
  /** Look for due deliveries now. */
  kick(): void;
  /** Stop claiming; resolves once the deliveries in flight are finished. */
  stop(): Promise<void>;
}

const POLL_MS = 1_000;
const CONCURRENCY = 32;

export async function startWebhookWorker(
  deps: Pick<Deps, "db" | "keyring" | "allowLoopbackEgress">,
  listen: DbHandle["listen"] | undefined,
  opts: { pollMs?: number; concurrency?: number; leaseMs?: number } = {},
): Promise<WebhookWorker> {
  const capacity = opts.concurrency ?? CONCURRENCY;
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let claiming: Promise<void> | null = null;
  // Something may be due: a wake-up arrived, or the last claim filled every slot it asked for.
  let due = false;

  const track = (delivery: Promise<unknown>) => {
    const done: Promise<unknown> = delivery
      .catch((err: unknown) => logError("webhook delivery failed", err))
      .finally(() => {
        inFlight.delete(done);
        if (due) kick();
      });
    inFlight.add(done);
  };

  const claim = async () => {
    while (due && !stopped && inFlight.size < capacity) {
      due = false;
      const room = capacity - inFlight.size;
      const claimed = await claimDue(deps, new Date(), room, opts.leaseMs);
      if (claimed.length === room) due = true;
      for (const delivery of sendClaimed(deps, claimed)) track(delivery);
    }
  };

  function kick() {
    if (stopped) return;
    due = true;
    if (claiming) return; // the running claim loop sees `due` and claims again
    claiming = claim()
      .catch((err: unknown) => logError("webhook delivery failed", err))
      .finally(() => {
        claiming = null;
      });
  }

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
      await claiming;
      await Promise.all(inFlight);
    },
  };
}
