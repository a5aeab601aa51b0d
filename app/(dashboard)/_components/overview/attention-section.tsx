// The overview's card of connections that need an operator.
import Link from "next/link";
import { AppLogo } from "@/components/app-logo";
import { entityHref, type AppSummary } from "@/components/connection-table";
import { StatusBadge } from "@/components/status-badge";
import { Badge } from "@/components/ui/badge";
import { connectionsNeedingAttention, countAbandonedLinks } from "@/lib/core/overview";
import { SectionBody, SectionFrame } from "../section-frame";
import { link, type Scope } from "./shared";

const ATTENTION_LIMIT = 8;

/** Badges of ACTIVE connections that still need someone. */
const ACTIVE_TROUBLE: Partial<Record<string, string>> = {
  refresh_failing: "Refresh failing",
  check_failing: "Credential refused",
  calls_failing: "Calls keep failing",
};

/**
 * FAILED, EXPIRED and refresh-failing connections, each linked. Connect links nobody finished
 * are counted apart and listed only when asked for (`showAbandoned`, the overview's ?abandoned=1).
 */
export async function AttentionSection({
  deps,
  projectId,
  apps,
  showAbandoned = false,
}: Scope & { apps: ReadonlyMap<string, AppSummary>; showAbandoned?: boolean }) {
  const [items, abandoned] = await Promise.all([
    connectionsNeedingAttention(deps, {
      projectId,
      limit: ATTENTION_LIMIT,
      includeAbandoned: showAbandoned,
    }),
    countAbandonedLinks(deps, { projectId }),
  ]);
  const links =
    abandoned === 1 ? "1 unfinished connect link" : `${abandoned} unfinished connect links`;
  return (
    <SectionFrame
      title="Needs attention"
      description={
        showAbandoned
          ? "Failed or expired; refresh, credential or calls keep failing; and connect links nobody finished."
          : "Failed or expired; refresh, credential or calls keep failing. Connect links nobody finished are not listed."
      }
      actions={
        <span className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
          <Link href="/connections?status=FAILED" className={link}>
            All failed
          </Link>
          <Link href="/connections?status=EXPIRED" className={link}>
            All expired
          </Link>
          {showAbandoned ? (
            <Link href="/" className={link}>
              Hide unfinished links
            </Link>
          ) : abandoned > 0 ? (
            <Link href="/?abandoned=1" className={link}>
              Show {links}
            </Link>
          ) : null}
        </span>
      }
    >
      <SectionBody height="h-80" flush scrollLabel="Needs attention">
        {items.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-600">
            Nothing needs attention: no failed or expired connections, no calls that keep failing.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {items.map((c) => {
              const app = apps.get(c.appKey);
              return (
                <li key={c.id} className="px-5 py-3" data-testid="attention-item">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    {c.kind in ACTIVE_TROUBLE ? (
                      <Badge tone="amber" dot>
                        {ACTIVE_TROUBLE[c.kind]}
                      </Badge>
                    ) : c.kind === "abandoned" ? (
                      <Badge>Abandoned link</Badge>
                    ) : (
                      <StatusBadge status={c.status} />
                    )}
                    <span className="flex items-center gap-1.5 text-sm font-medium text-slate-900">
                      {app ? <AppLogo logo={app.logo} size={16} /> : null}
                      {app?.name ?? c.appKey}
                    </span>
                    <Link href={entityHref(c.entityId)} className={`${link} text-sm`}>
                      {c.entityId}
                    </Link>
                    <Link
                      href={`/connections/${c.id}`}
                      className={`${link} font-mono text-xs`}
                      aria-label={`Connection ${c.id}`}
                    >
                      {c.id}
                    </Link>
                  </div>
                  {c.reason ? (
                    <p className="mt-1 line-clamp-2 text-sm text-slate-700">{c.reason}</p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </SectionBody>
    </SectionFrame>
  );
}
