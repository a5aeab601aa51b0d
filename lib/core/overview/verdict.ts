// One rule for "is this connection all right?", shared by the overview's "Needs attention" and an
// entity's health card (issue 13 items 1 and 3): never "nothing looks wrong" over recent errors.
import type { ConnectionStatus } from "@/db/schema";
import type { ConnectionHealth } from "./health";

/** Failed calls in a row (since the last success) that make a connection need attention. */
export const REPEATED_FAILURES = 3;

export type Verdict =
  | {
      level: "attention";
      kind: "FAILED" | "EXPIRED" | "refresh_failing" | "check_failing" | "calls_failing";
      words: string;
    }
  | { level: "notice"; kind: "recent_errors" | "abandoned"; words: string }
  | { level: "ok" };

/** Failed calls newer than the connection's last success (of those `health` holds). */
export function failuresSinceSuccess(h: ConnectionHealth | undefined): number {
  if (!h) return 0;
  const since = h.lastSuccessAt?.getTime() ?? 0;
  return h.recentErrors.filter((e) => e.at.getTime() > since && e.outcome !== "refused").length;
}

/** What the dashboard says of one connection, most serious first. */
export function verdictOf(
  c: { status: ConnectionStatus; enabled: boolean },
  h: ConnectionHealth | undefined,
): Verdict {
  if (c.status === "FAILED") return { level: "attention", kind: "FAILED", words: "failed" };
  if (c.status === "EXPIRED")
    return h?.abandonedAt
      ? { level: "notice", kind: "abandoned", words: "connect link never finished" }
      : { level: "attention", kind: "EXPIRED", words: "expired" };
  if (c.status !== "ACTIVE") return { level: "ok" };
  if (h?.checkFailure)
    return { level: "attention", kind: "check_failing", words: "credential refused" };
  if (h?.lastEvent?.type === "refresh_failed")
    return { level: "attention", kind: "refresh_failing", words: "refresh failing" };
  const failing = failuresSinceSuccess(h);
  if (failing >= REPEATED_FAILURES)
    return { level: "attention", kind: "calls_failing", words: "calls keep failing" };
  if (
    c.enabled &&
    h &&
    h.recentErrors.some((e) => e.at.getTime() > (h.lastSuccessAt?.getTime() ?? 0))
  )
    return { level: "notice", kind: "recent_errors", words: "recent calls failed" };
  return { level: "ok" };
}
