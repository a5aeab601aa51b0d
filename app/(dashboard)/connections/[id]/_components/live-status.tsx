"use client";
// The connection's status, polled while the end user is still connecting (INITIATED); when it
// changes, the server-rendered page is refreshed so identity, scopes and timeline follow.
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { StatusBadge } from "@/components/status-badge";
import type { ConnectionStatus } from "@/db/schema";

interface StatusBody {
  status: ConnectionStatus;
  statusReason: string | null;
}

export function LiveStatus({
  id,
  status,
  statusReason,
}: {
  id: string;
  status: ConnectionStatus;
  statusReason: string | null;
}) {
  const router = useRouter();
  const { data } = useQuery({
    // The server's status is part of the key: after a refresh or a mutation the page's newer
    // value wins over the last poll.
    queryKey: ["connection-status", id, status],
    queryFn: async ({ signal }): Promise<StatusBody> => {
      const res = await fetch(`/api/dashboard/connections/${encodeURIComponent(id)}`, {
        signal,
        cache: "no-store",
      });
      if (!res.ok) throw new Error(`Status check failed (${res.status})`);
      return (await res.json()) as StatusBody;
    },
    initialData: { status, statusReason },
    refetchInterval: (query) => (query.state.data?.status === "INITIATED" ? 1000 : false),
  });

  useEffect(() => {
    if (data.status !== status) router.refresh();
  }, [data.status, status, router]);

  return (
    <div className="space-y-1">
      <span data-testid="connection-status" aria-live="polite">
        <StatusBadge status={data.status} />
      </span>
      {data.statusReason ? (
        <p className="text-sm text-slate-700" data-testid="status-reason">
          {data.statusReason}
        </p>
      ) : null}
      {data.status === "INITIATED" ? (
        <p className="text-xs text-slate-500">Waiting for the end user; this updates by itself.</p>
      ) : null}
    </div>
  );
}
