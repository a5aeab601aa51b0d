"use client";
import { CopyButton } from "@/components/copy-button";
import { Time } from "@/components/time";

/** A freshly issued connect link: the URL to hand to the end user, with a copy button. */
export function ConnectLink({
  title,
  redirectUrl,
  expiresAt,
}: {
  title: string;
  redirectUrl: string;
  expiresAt: string;
}) {
  return (
    <div className="border-brand-100 bg-brand-50 space-y-2 rounded-lg border p-4">
      <p className="text-sm font-semibold text-slate-900">{title}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="connect-link"
          className="min-w-0 flex-1 rounded-md border border-slate-200 bg-white px-3 py-2 font-mono text-xs break-all text-slate-900 select-all"
        >
          {redirectUrl}
        </code>
        <CopyButton value={redirectUrl} label="Copy link" />
      </div>
      <p className="text-xs text-slate-600">
        Send it to the end user. It works once, for this connection only, until{" "}
        <Time value={expiresAt} />.
      </p>
    </div>
  );
}
