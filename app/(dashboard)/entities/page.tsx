import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { EntityTable } from "@/components/entity-table";
import { PageHeader } from "@/components/page-header";
import { hrefWith, Pagination } from "@/components/pagination";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { requireOperator } from "@/lib/auth/session";
import { listEntities } from "@/lib/core/entities";

export const metadata: Metadata = { title: "Entities" };

const PAGE_SIZE = 50;

const one = (v: unknown) => (Array.isArray(v) ? (v[0] as unknown) : v);
const text = (max: number) =>
  z.preprocess(one, z.string().trim().max(max).optional().catch(undefined));
const paramsSchema = z.object({
  q: text(200),
  after: text(200),
  sort: z.preprocess(one, z.enum(["az", "za"]).optional().catch(undefined)),
});

export default async function EntitiesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireOperator();
  const { q, after, sort } = paramsSchema.parse(await searchParams);
  const { items, nextCursor } = await listEntities(ctx.deps, {
    projectId: ctx.project.id,
    prefix: q || undefined,
    after: after || undefined,
    limit: PAGE_SIZE,
    order: sort === "za" ? "desc" : "asc",
  });

  return (
    <>
      <PageHeader
        title="Entities"
        description="The end users of your app, by your own user id. An entity is created the first time it connects."
      />
      <form
        method="get"
        action="/entities"
        role="search"
        className="mb-4 flex flex-wrap items-end gap-3"
      >
        <div className="min-w-64 flex-1 space-y-1.5 sm:max-w-md">
          <Label htmlFor="entities-q">Entity id starts with</Label>
          <Input
            id="entities-q"
            name="q"
            type="search"
            defaultValue={q ?? ""}
            placeholder="user_"
            spellCheck={false}
          />
        </div>
        <div className="w-40 space-y-1.5">
          <Label htmlFor="entities-sort">Sort</Label>
          <Select id="entities-sort" name="sort" defaultValue={sort ?? "az"}>
            <option value="az">Id A → Z</option>
            <option value="za">Id Z → A</option>
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          Search
        </Button>
        {q ? (
          <Link href="/entities" className={buttonClasses("ghost")}>
            Clear
          </Link>
        ) : null}
      </form>
      {items.length === 0 ? (
        <EmptyState
          title={q || after ? "No entities match" : "No entities yet"}
          description={
            q
              ? `No entity id starts with “${q}”.`
              : "Entities appear when you create a connection for one of your users, here or through the API."
          }
        />
      ) : (
        <Card>
          <EntityTable items={items} label="Entities" />
        </Card>
      )}
      <Pagination
        label="Entity pages"
        firstHref={after ? hrefWith("/entities", { q, sort }) : null}
        nextHref={nextCursor ? hrefWith("/entities", { q, sort, after: nextCursor }) : null}
      />
    </>
  );
}
