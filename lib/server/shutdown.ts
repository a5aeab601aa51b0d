// Shutdown: rows of the execution log still waiting are written, and the database is closed
// (releasing the PGlite directory), before the process exits on SIGTERM or SIGINT.
import type { DbHandle } from "@/db";
import { flushExecutionLogs } from "@/lib/core/executions";
import { logError } from "@/lib/log";
import { stopBackground } from "./background";

// Within the usual 10 s between SIGTERM and SIGKILL (Docker, Kubernetes), leaving time to close.
const FLUSH_GRACE_MS = 5_000;
const EXIT_CODES = { SIGTERM: 143, SIGINT: 130 } as const;

type Hook = () => Promise<void>;
// On globalThis: hooks are added from Next's bundles and run from the front server (server/main.ts).
const g = globalThis as unknown as {
  __keyportShutdown?: {
    hooks: Hook[];
    running?: Promise<void>;
    signalsHandled?: boolean;
    handles: WeakSet<DbHandle>;
  };
};
const state = (g.__keyportShutdown ??= { hooks: [], handles: new WeakSet() });

/** Run `hook` once at shutdown, after the HTTP server stopped taking requests. */
export function onShutdown(hook: Hook): void {
  state.hooks.push(hook);
}

/** Run every shutdown hook, in order, once per process (later calls wait for the first). */
export function runShutdownHooks(): Promise<void> {
  state.running ??= (async () => {
    for (const hook of state.hooks) {
      try {
        await hook();
      } catch (err) {
        logError("shutdown hook failed", err);
      }
    }
  })();
  return state.running;
}

/**
 * Flush the execution log and close `handle` at shutdown. The front server (server/main.ts) runs
 * the hooks itself before it exits; under `next start`/`next dev` or a plain script, the signal
 * handlers below make sure they run before the process ends.
 */
export function flushOnShutdown(handle: DbHandle): void {
  // register() may run again in dev: one hook per handle (a second close would fail).
  if (state.handles.has(handle)) return;
  state.handles.add(handle);
  onShutdown(async () => {
    stopBackground();
    await flushExecutionLogs(FLUSH_GRACE_MS);
    await handle.close();
  });
  if (state.signalsHandled) return;
  state.signalsHandled = true;
  const exit = process.exit.bind(process);
  const onSignal = (signal: keyof typeof EXIT_CODES) => {
    // `next start` has its own handler: it stops the HTTP server, lets requests in flight finish,
    // then calls process.exit. Hold that exit until the rows those requests queued are written.
    process.exit = ((code?: number | string | null) => {
      void runShutdownHooks().finally(() => exit(code));
    }) as typeof process.exit;
    // Alone (a plain Node process, or NEXT_MANUAL_SIG_HANDLE): end as the signal would have.
    // (A `once` listener is removed before it runs, so "alone" is zero listeners left.)
    if (process.listenerCount(signal) === 0) process.exit(EXIT_CODES[signal]);
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
