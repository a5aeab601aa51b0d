// The overview's card of recent failed calls.
import Link from "next/link";
import { entityHref } from "@/components/connection-table";
import { Time } from "@/components/time";
import { Badge } from "@/components/ui/badge";
import { recentFailures } from "@/lib/core/overview";
import { SectionBody, SectionFrame } from "../section-frame";
import { link, muted, type Scope } from "./shared";

const FAILURE_LIMIT = 8;

/** The newest failed executions, linked to their connection and entity. */
export async function FailuresSection({ deps, projectId }: Scope) {
  const items = await recentFailures(deps, { projectId, limit: FAILURE_LIMIT });
  return (
    <SectionFrame
      title="Recent failures"
      description="Failed executions, last 7 days"
      actions={
        <Link href="/logs" className={`${link} text-sm`}>
          All logs
        </Link>
      }
    >
      <SectionBody height="h-80" flush scrollLabel="Recent failures">
        {items.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-600">No failed executions in 7 days.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {items.map((x) => (
              <li key={x.id} className="px-5 py-3">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                  <span className="font-mono text-xs font-medium text-slate-900">{x.action}</span>
                  {x.httpStatus ? <Badge tone="red">HTTP {x.httpStatus}</Badge> : null}
                  <span className="text-slate-600">
                    <Time value={x.at} />
                  </span>
                </div>
                <p className="mt-1 line-clamp-2 text-sm text-slate-700">
                  {x.error ?? "No error message"}
                </p>
                <p className="mt-1 flex flex-wrap gap-x-3 text-xs">
                  {x.entityId ? (
                    <Link href={entityHref(x.entityId)} className={link}>
                      {x.entityId}
                    </Link>
                  ) : (
                    muted
                  )}
                  {x.connectionId ? (
                    <Link
                      href={`/connections/${x.connectionId}`}
                      className={`${link} font-mono`}
                      aria-label={`Connection ${x.connectionId}`}
                    >
                      {x.connectionId}
                    </Link>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        )}
      </SectionBody>
    </SectionFrame>
  );
}
