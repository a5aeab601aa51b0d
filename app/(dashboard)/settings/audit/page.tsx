import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { PageHeader } from "@/components/page-header";
import { RoleRequired } from "@/components/role-required";
import { Time } from "@/components/time";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import {
  listAuditEntriesByProject,
  listAuditFacetsByProject,
  type AuditRow,
} from "@/lib/core/audit-log";
import { requireOperator } from "@/lib/auth/session";
import { can } from "@/lib/core/roles";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

const one = (v: unknown) => (Array.isArray(v) ? (v[0] as unknown) : v);
const paramsSchema = z.object({
  verb: z.preprocess(one, z.string().max(100).optional().catch(undefined)),
  actor: z.preprocess(one, z.string().max(300).optional().catch(undefined)),
  page: z.preprocess(one, z.coerce.number().int().min(1).max(10_000).catch(1)),
});

const actorTypes: Record<AuditRow["actorType"], string> = {
  operator: "operator",
  api_key: "API key",
  system: "system",
};

const show = (v: unknown): string =>
  Array.isArray(v) ? v.map(show).join(", ") : typeof v === "string" ? v : JSON.stringify(v);

/** A short, readable rendering of an entry's non-secret detail. */
function describe(detail: AuditRow["detail"]): string {
  if (!detail) return "";
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${show(v)}`)
    .join(" · ")
    .slice(0, 200);
}

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireOperator();
  const header = (
    <PageHeader
      title="Audit log"
      description={`Every change made in the ${ctx.project.name} project by operators and API keys.`}
    />
  );
  if (!can(ctx.role, "audit.read")) {
    return (
      <>
        {header}
        <RoleRequired currentRole={ctx.role} what="read the audit log" />
      </>
    );
  }
  const { verb, actor, page } = paramsSchema.parse(await searchParams);
  const [{ items, hasMore }, facets] = await Promise.all([
    listAuditEntriesByProject(ctx.deps.db, {
      projectId: ctx.project.id,
      verb: verb || undefined,
      actor: actor || undefined,
      page,
      pageSize: PAGE_SIZE,
    }),
    listAuditFacetsByProject(ctx.deps.db, { projectId: ctx.project.id }),
  ]);
  const href = (p: number) => {
    const q = new URLSearchParams();
    if (verb) q.set("verb", verb);
    if (actor) q.set("actor", actor);
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return s ? `/settings/audit?${s}` : "/settings/audit";
  };

  return (
    <>
      {header}
      <form
        method="get"
        action="/settings/audit"
        className="mb-4 flex flex-wrap items-end gap-3"
        role="search"
      >
        <div className="w-56 space-y-1.5">
          <Label htmlFor="audit-verb">Action</Label>
          <Select id="audit-verb" name="verb" defaultValue={verb ?? ""}>
            <option value="">All actions</option>
            {facets.verbs.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </Select>
        </div>
        <div className="w-64 space-y-1.5">
          <Label htmlFor="audit-actor">Actor</Label>
          <Select id="audit-actor" name="actor" defaultValue={actor ?? ""}>
            <option value="">All actors</option>
            {facets.actors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {verb || actor ? (
          <Link href="/settings/audit" className={buttonClasses("ghost")}>
            Clear filters
          </Link>
        ) : null}
      </form>
      {items.length === 0 ? (
        <EmptyState
          title={verb || actor || page > 1 ? "No entries match" : "No audit entries yet"}
          description="Changes to API keys, operators, integrations and settings are recorded here."
        />
      ) : (
        <Card>
          <Table label="Audit log">
            <THead>
              <TR>
                <TH>Who</TH>
                <TH>What</TH>
                <TH>When</TH>
                <TH className="whitespace-nowrap">From where</TH>
              </TR>
            </THead>
            <TBody>
              {items.map((e) => (
                <TR key={e.id}>
                  <TD>
                    <div className="font-medium">{e.actorLabel}</div>
                    {e.actorType === "system" ? null : (
                      <div className="text-xs text-slate-500">{actorTypes[e.actorType]}</div>
                    )}
                  </TD>
                  <TD>
                    <div>
                      <Badge>{e.verb}</Badge>{" "}
                      <span className="text-slate-600">
                        {e.objectType}
                        {e.objectId ? (
                          <code className="ml-1 font-mono text-xs">{e.objectId}</code>
                        ) : null}
                      </span>
                    </div>
                    {e.detail ? (
                      <div className="mt-1 text-xs text-slate-600">{describe(e.detail)}</div>
                    ) : null}
                  </TD>
                  <TD>
                    <Time value={e.at} />
                  </TD>
                  <TD className="font-mono text-xs">{e.ip ?? "—"}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
      )}
      <nav aria-label="Audit log pages" className="mt-4 flex items-center justify-between text-sm">
        {page > 1 ? (
          <Link href={href(page - 1)} className={buttonClasses("secondary", "sm")}>
            ← Newer
          </Link>
        ) : (
          <span />
        )}
        <span className="text-slate-600">Page {page}</span>
        {hasMore ? (
          <Link href={href(page + 1)} className={buttonClasses("secondary", "sm")}>
            Older →
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </>
  );
}
