// One connection of an entity, answering "what is wrong": status and reason, last success,
// token expiry and refresh, the last errors, the newest event; then what support can do.
import Link from "next/link";
import type { ReactNode } from "react";
import { AppLogo } from "@/components/app-logo";
import { identityText, type AppSummary } from "@/components/connection-table";
import { StatusBadge } from "@/components/status-badge";
import { Time } from "@/components/time";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { ConnectionView } from "@/lib/core/connections";
import { verdictOf, type ConnectionHealth } from "@/lib/core/overview";
import { SupportActions } from "./support-actions";

export const HEALTH_DAYS = 30;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{label}</dt>
      <dd className="mt-0.5 text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

const eventWords = (type: string) =>
  (type.charAt(0).toUpperCase() + type.slice(1)).replace(/_/g, " ");

export function ConnectionHealthCard({
  c,
  health,
  app,
  now,
  canOperate,
  testAction,
}: {
  c: ConnectionView;
  health: ConnectionHealth | undefined;
  app: AppSummary | undefined;
  now: Date;
  canOperate: boolean;
  testAction: string | null;
}) {
  const appName = app?.name ?? c.appKey;
  const headingId = `connection-${c.id}`;
  const identity = identityText(c.upstreamIdentity);
  const expired = c.expiresAt !== null && c.expiresAt.getTime() < now.getTime();
  const verdict = verdictOf(c, health);
  const attention = verdict.level === "attention";
  // An ACTIVE connection with something wrong says what, in its badge and its "Why".
  const activeTrouble =
    c.status === "ACTIVE" && verdict.level !== "ok"
      ? {
          words: verdict.words,
          why:
            verdict.kind === "refresh_failing"
              ? (health?.lastEvent?.detail ?? "The token refresh failed")
              : verdict.kind === "check_failing"
                ? (health?.checkFailure ?? "The provider refused the credential")
                : `Calls failed since the last success: ${health?.recentErrors[0]?.error ?? "see Logs"}`,
        }
      : null;
  const errors = health?.recentErrors ?? [];

  return (
    <Card
      aria-labelledby={headingId}
      data-testid="entity-connection"
      data-connection-id={c.id}
      className={attention ? "border-l-4 border-l-amber-500" : undefined}
    >
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-4">
        <div className="flex min-w-0 items-center gap-3">
          {app ? <AppLogo logo={app.logo} size={28} /> : null}
          <div className="min-w-0">
            <h3 id={headingId} className="text-base font-semibold text-slate-900">
              {appName}
              {identity ? <span className="font-normal text-slate-600"> · {identity}</span> : null}
            </h3>
            <Link
              href={`/connections/${c.id}`}
              className="text-brand-700 font-mono text-xs hover:underline"
            >
              {c.id}
            </Link>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2" data-testid="entity-connection-status">
          <StatusBadge status={c.status} />
          {activeTrouble ? (
            <Badge tone="amber" dot>
              {activeTrouble.words.charAt(0).toUpperCase() + activeTrouble.words.slice(1)}
            </Badge>
          ) : null}
          {verdict.level === "notice" && verdict.kind === "abandoned" ? (
            <Badge>Abandoned link</Badge>
          ) : null}
          {c.enabled ? null : <Badge>Disabled</Badge>}
        </div>
      </div>
      <div className="space-y-4 px-5 py-4">
        {c.statusReason || activeTrouble ? (
          <p
            className={`rounded-md px-3 py-2 text-sm ${attention ? "bg-amber-50 text-amber-950" : "bg-slate-50 text-slate-800"}`}
            data-testid="entity-status-reason"
          >
            <span className="font-semibold">Why: </span>
            {activeTrouble ? activeTrouble.why : c.statusReason}
          </p>
        ) : null}
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 md:grid-cols-4">
          <Fact label="Last success">
            {health?.lastSuccessAt ? (
              <Time value={health.lastSuccessAt} />
            ) : (
              <span className="text-slate-600">None in {HEALTH_DAYS} days</span>
            )}
          </Fact>
          <Fact label="Token expires">
            {c.expiresAt ? (
              <span className={expired ? "font-medium text-amber-800" : undefined}>
                <Time value={c.expiresAt} />
                {expired ? " (passed)" : ""}
                {!expired && c.status !== "ACTIVE" ? (
                  <span className="block text-xs text-slate-600">
                    Not usable while {c.status.toLowerCase()}
                  </span>
                ) : null}
              </span>
            ) : (
              <span className="text-slate-600">
                {Object.keys(c.credentialHints).length ? "Does not expire" : "—"}
              </span>
            )}
          </Fact>
          <Fact label="Last refresh">
            <Time value={c.lastRefreshedAt} empty="Never" />
          </Fact>
          <Fact label="Latest event">
            {health?.lastEvent ? (
              <>
                {eventWords(health.lastEvent.type)} · <Time value={health.lastEvent.at} />
              </>
            ) : (
              <span className="text-slate-600">—</span>
            )}
          </Fact>
        </dl>
        <div>
          <h4 className="text-xs font-medium tracking-wide text-slate-600 uppercase">
            Recent errors
          </h4>
          {errors.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">
              No failed executions in {HEALTH_DAYS} days.
            </p>
          ) : (
            <ul className="mt-1 space-y-1.5" data-testid="entity-recent-errors">
              {errors.map((e) => (
                <li key={e.id} className="text-sm">
                  <span className="text-slate-600">
                    <Time value={e.at} />
                  </span>{" "}
                  <code className="font-mono text-xs text-slate-800">{e.action}</code>
                  {e.httpStatus ? (
                    <span className="text-slate-600"> · HTTP {e.httpStatus}</span>
                  ) : null}
                  {e.error ? <span className="block text-red-800">{e.error}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
        {canOperate || testAction ? (
          <div className="border-t border-slate-100 pt-4">
            <SupportActions
              id={c.id}
              label={`${appName} connection ${c.id}`}
              enabled={c.enabled}
              canOperate={canOperate}
              canReconnect={c.authScheme !== "NO_AUTH"}
              testAction={testAction}
            />
          </div>
        ) : null}
      </div>
    </Card>
  );
}
