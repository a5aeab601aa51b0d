// The entity's agent (MCP) sessions: toolkits or tools, who made each, last use, expiry, status.
// Revoking is for support and admin (the server action re-checks the role and the project).
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Time } from "@/components/time";
import type { ToolSessionView } from "@/lib/core/tool-sessions";
import { RevokeSession } from "./revoke-session";

function statusOf(s: ToolSessionView, now: Date): { label: string; tone: BadgeTone } {
  if (s.revokedAt) return { label: "Revoked", tone: "slate" };
  if (s.expiresAt.getTime() <= now.getTime()) return { label: "Expired", tone: "amber" };
  return { label: "Active", tone: "green" };
}

export function AgentSessions({
  sessions,
  canRevoke,
  now,
}: {
  sessions: ToolSessionView[];
  canRevoke: boolean;
  now: Date;
}) {
  return (
    <Card>
      <CardHeader
        title="Agent sessions"
        description="MCP sessions minted for this entity, newest first. Revoking one stops its URL and token at once."
      />
      <CardContent>
        {sessions.length === 0 ? (
          <p className="text-sm text-slate-600">No agent sessions yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200" aria-label="Agent sessions">
            {sessions.map((s) => {
              const status = statusOf(s, now);
              return (
                <li
                  key={s.id}
                  className="flex flex-wrap items-start justify-between gap-3 py-3"
                  aria-label={`Agent session ${s.id}`}
                >
                  <div className="min-w-0 space-y-1 text-sm">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="font-mono text-xs break-all text-slate-900">{s.id}</span>
                      <Badge tone={status.tone} dot>
                        {status.label}
                      </Badge>
                      <Badge>{s.mode === "meta" ? "meta mode" : "direct"}</Badge>
                    </p>
                    <p className="break-words text-slate-700">
                      {s.tools
                        ? `Tools: ${s.tools.join(", ")}`
                        : `Toolkits: ${s.toolkits.join(", ")}`}{" "}
                      · {s.toolCount} tool{s.toolCount === 1 ? "" : "s"}
                    </p>
                    <p className="text-slate-600">
                      Created by {s.createdBy ?? "unknown"} · <Time value={s.createdAt} /> · last
                      used <Time value={s.lastUsedAt} empty="never" /> · expires{" "}
                      <Time value={s.expiresAt} />
                    </p>
                  </div>
                  {canRevoke && status.label === "Active" ? <RevokeSession id={s.id} /> : null}
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
