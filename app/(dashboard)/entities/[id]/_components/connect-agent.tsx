"use client";
// "Connect an agent": mint an MCP session for this entity (choose toolkits) and show its token
// once, with ready-to-paste configurations. The server action re-checks the role and the project.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { OneTimeSecret } from "@/components/one-time-secret";
import { CopyButton } from "@/components/copy-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { mcpClientJson, mcpCurl } from "@/lib/mcp/client-config";
import { mintAgentSessionAction } from "../actions";

type Minted = {
  id: string;
  url: string;
  token: string;
  mode: string;
  toolCount: number;
  firstTool: string;
};

function Snippet({ label, value }: { label: string; value: string }) {
  return (
    <figure className="space-y-1">
      <figcaption className="flex items-center justify-between gap-2 text-sm font-medium text-slate-900">
        {label}
        <CopyButton value={value} />
      </figcaption>
      <pre
        aria-label={label}
        className="max-w-full overflow-x-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800"
      >
        {value}
      </pre>
    </figure>
  );
}

export function ConnectAgent({
  userId,
  toolkits,
}: {
  userId: string;
  toolkits: { key: string; name: string }[];
}) {
  const router = useRouter();
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [minted, setMinted] = useState<Minted | null>(null);
  const [pending, startTransition] = useTransition();

  const toggle = (key: string, on: boolean) =>
    setChosen((c) => (on ? [...c, key] : c.filter((k) => k !== key)));
  const mint = () =>
    startTransition(async () => {
      setError(null);
      const r = await mintAgentSessionAction({ userId, toolkits: chosen });
      if (!r.ok) return setError(r.error);
      setMinted(r.data);
      router.refresh();
    });

  return (
    <div className="space-y-4">
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-900">Toolkits the agent may use</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {toolkits.map((t) => (
            <label key={t.key} className="inline-flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                checked={chosen.includes(t.key)}
                onChange={(e) => toggle(t.key, e.currentTarget.checked)}
              />
              {t.name}
            </label>
          ))}
        </div>
      </fieldset>
      <Button onClick={mint} disabled={pending || chosen.length === 0}>
        Mint agent session
      </Button>
      {error ? (
        <Alert tone="error" title="No session minted">
          {error}
        </Alert>
      ) : null}
      {minted ? (
        <div className="space-y-4" data-testid="minted-session">
          <OneTimeSecret
            label="Session token"
            value={minted.token}
            message={`Copy it now: it is not shown again. Session ${minted.id}, ${minted.mode} mode, ${minted.toolCount} tools.`}
          />
          <Snippet label="MCP URL" value={minted.url} />
          <Snippet
            label="MCP client config (JSON)"
            value={mcpClientJson(minted.url, minted.token)}
          />
          <Snippet label="curl" value={mcpCurl(minted.url, minted.token, minted.firstTool)} />
        </div>
      ) : null}
    </div>
  );
}
