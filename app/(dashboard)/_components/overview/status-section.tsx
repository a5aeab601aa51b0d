// The overview's card of connections per status.
import Link from "next/link";
import type { ConnectionStatus } from "@/db/schema";
import { type ConnectionCounts } from "@/lib/core/overview";
import { formatCount } from "../format";
import { SectionBody, SectionFrame } from "../section-frame";

const statusWords: Record<ConnectionStatus, string> = {
  INITIATED: "Initiated",
  ACTIVE: "Active",
  FAILED: "Failed",
  EXPIRED: "Expired",
  INACTIVE: "Inactive",
  REVOKED: "Revoked",
};

const statusBar: Record<ConnectionStatus, string> = {
  INITIATED: "bg-brand-500",
  ACTIVE: "bg-green-600",
  FAILED: "bg-red-600",
  EXPIRED: "bg-amber-500",
  INACTIVE: "bg-slate-400",
  REVOKED: "bg-slate-600",
};

/** Connections per status: one row each, with a bar scaled to the largest. */
export function StatusSection({ counts }: { counts: ConnectionCounts }) {
  const max = Math.max(1, ...counts.byStatus.map((s) => s.count));
  return (
    <SectionFrame
      title="Connections by status"
      description={`${formatCount(counts.total, counts.capped)} in total`}
    >
      <SectionBody height="h-64">
        <ul className="space-y-2.5" aria-label="Connections by status">
          {counts.byStatus.map((s) => (
            <li key={s.status} className="grid grid-cols-[6.5rem_1fr_5rem] items-center gap-3">
              <Link
                href={`/connections?status=${s.status}`}
                className="text-sm font-medium text-slate-800 hover:underline"
              >
                {statusWords[s.status]}
              </Link>
              <span aria-hidden="true" className="h-2 rounded-full bg-slate-100">
                <span
                  className={`block h-2 rounded-full ${statusBar[s.status]}`}
                  style={{ width: `${s.count === 0 ? 0 : Math.max(2, (s.count / max) * 100)}%` }}
                />
              </span>
              <span className="text-right text-sm text-slate-800 tabular-nums">
                {formatCount(s.count, s.capped)}
              </span>
            </li>
          ))}
        </ul>
        {counts.capped ? (
          <p className="mt-4 text-xs text-slate-600">
            Counts stop at {formatCount(counts.cap)} per app and status.
          </p>
        ) : null}
      </SectionBody>
    </SectionFrame>
  );
}
