// Write-behind for the execution log: rows are never dropped. A batch that fails stays queued and
// is retried with backoff; when the queue is full, new executions are refused before they reach a
// provider (see assertExecutionLogAvailable), so nothing is done for an end user unrecorded.
import type { executions } from "@/db/schema";
import { logError, logInfo } from "@/lib/log";

export type ExecutionRow = typeof executions.$inferInsert;

export interface ExecutionLogLimits {
  /** Rows waiting to be written at which new executions are refused. */
  capacity: number;
  /** First retry delay after a failed batch; doubles per failure up to retryMaxMs. */
  retryMinMs: number;
  retryMaxMs: number;
}

// ~500 bytes a row: 20,000 rows is ~10 MB of heap, about 20 s of executions at 1,000/s.
export const DEFAULT_LIMITS: ExecutionLogLimits = {
  capacity: 20_000,
  retryMinMs: 250,
  retryMaxMs: 5_000,
};
const MAX_BATCH = 500;

/**
 * One insert runs at a time; rows that arrive meanwhile go in the next insert together (group
 * commit), so under load N executions cost one statement, not N. Rows leave the queue only once
 * their insert succeeded; the insert ignores ids already written, so a retry of a batch whose
 * commit was not acknowledged cannot duplicate rows.
 */
export class ExecutionLogWriter {
  private pending: ExecutionRow[] = [];
  private running: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  /** True while the queue is at capacity: read on every execute, so a plain field. */
  full = false;

  constructor(
    private readonly insert: (rows: ExecutionRow[]) => Promise<void>,
    public limits: ExecutionLogLimits,
    private readonly onPendingChange: (writer: ExecutionLogWriter, pending: boolean) => void,
  ) {}

  get pendingRows(): number {
    return this.pending.length;
  }

  add(row: ExecutionRow): void {
    this.pending.push(row);
    if (this.pending.length === 1) this.onPendingChange(this, true);
    if (!this.full && this.pending.length >= this.limits.capacity) {
      this.full = true;
      logError(
        `execution log: ${this.pending.length} row(s) waiting; refusing executions until the database takes them`,
        undefined,
      );
    }
    // In backoff the timer starts the next attempt; rows meanwhile just join the queue.
    if (!this.retryTimer) this.start();
  }

  private start(): void {
    if (this.running) return;
    this.running = (async () => {
      try {
        await this.drain();
      } finally {
        this.running = null;
        // A row added between the end of the loop and here would otherwise wait for the next add.
        if (this.pending.length > 0 && !this.retryTimer) this.start();
      }
    })();
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, MAX_BATCH);
      try {
        await this.insert(batch);
      } catch (err) {
        this.failed(err);
        return;
      }
      this.pending.splice(0, batch.length);
      if (this.failures > 0) {
        logInfo(`execution log: writing again after ${this.failures} failed attempt(s)`, {
          waiting: this.pending.length,
        });
        this.failures = 0;
      }
      if (this.full && this.pending.length < this.limits.capacity) this.full = false;
    }
    this.onPendingChange(this, false);
  }

  private failed(err: unknown): void {
    this.failures += 1;
    // One line when an outage starts, not one per retry.
    // drizzle's error repeats the query with every row as parameters: the cause says enough.
    if (this.failures === 1)
      logError(
        `execution log: ${this.pending.length} row(s) could not be written; kept and retried`,
        err instanceof Error && err.cause instanceof Error ? err.cause : err,
      );
    const { retryMinMs, retryMaxMs } = this.limits;
    const delay = Math.min(retryMaxMs, retryMinMs * 2 ** Math.min(this.failures - 1, 20));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.start();
    }, delay);
    this.retryTimer.unref();
  }

  /** Try now instead of waiting for the backoff timer. */
  private retryNow(): void {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    if (this.pending.length > 0) this.start();
  }

  /** Resolves once every row queued so far was attempted (written, or kept after a failure). */
  async settle(): Promise<void> {
    // A reader wants its rows: if they wait for a retry, try at once.
    this.retryNow();
    while (this.running) await this.running;
  }

  /** Write every queued row, retrying until `deadline` (ms since epoch); returns the rows left. */
  async flush(deadline: number): Promise<ExecutionRow[]> {
    await this.settle();
    while (this.pending.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, Math.min(200, Math.max(0, deadline - Date.now()))));
      await this.settle();
    }
    return [...this.pending];
  }
}
