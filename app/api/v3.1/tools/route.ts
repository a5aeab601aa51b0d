// GET /api/v3.1/tools – actions (?toolkit_slug=&tool_slugs=&query=&tags=&limit=&cursor=)
import { listActions } from "@/lib/actions/registry";
import { listParam } from "@/lib/http/query";
import { toolV3 } from "@/lib/http/v3-tools";
import { toolListQuery } from "@/lib/http/v3-schemas";
import { withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const GET = withApiKey(async ({ deps, req }) => {
  const q = new URL(req.url).searchParams;
  const { limit, cursor } = toolListQuery.parse({
    limit: q.get("limit") ?? undefined,
    cursor: q.get("cursor") ?? undefined,
  });
  const page = await listActions(
    {
      apps: listParam(q, "toolkit_slug", "toolkit_slugs")?.map((a) => a.toLowerCase()),
      names: listParam(q, "tool_slugs")?.map((n) => n.toUpperCase()),
      tags: listParam(q, "tags"),
      search: q.get("query") ?? q.get("search") ?? undefined,
      limit,
      cursor,
    },
    { sandboxOrigin: deps.sandboxOrigin },
  );
  return {
    items: page.items.map((a) => toolV3(a)),
    next_cursor: page.nextCursor,
    total_pages: Math.max(1, Math.ceil(page.total / page.limit)),
    current_page: Math.floor(page.offset / page.limit) + 1,
    total_items: page.total,
  };
});
