// GET /api/v3.1/tools – actions (?toolkit_slug=&tool_slugs=&query=&tags=&limit=&cursor=)
import { listActions } from "@/lib/actions/registry";
import { apiOperation } from "@/lib/http/operation";
import { listTools } from "@/lib/http/v3-operations";
import { toolV3Bytes } from "@/lib/http/v3-tools";
import { jsonWithList } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const GET = apiOperation(listTools, async ({ deps, query }) => {
  const apps = [...(query.toolkit_slug ?? []), ...(query.toolkit_slugs ?? [])];
  const page = await listActions(
    {
      apps: apps.length ? apps.map((a) => a.toLowerCase()) : undefined,
      names: query.tool_slugs?.map((n) => n.toUpperCase()),
      tags: query.tags,
      search: query.query ?? query.search,
      limit: query.limit,
      cursor: query.cursor,
    },
    { sandboxOrigin: deps.sandboxOrigin },
  );
  // Each tool's JSON is serialised once per process (toolV3Bytes); the page is spliced from them.
  return jsonWithList("items", page.items.map(toolV3Bytes), {
    next_cursor: page.nextCursor,
    total_pages: Math.max(1, Math.ceil(page.total / page.limit)),
    current_page: Math.floor(page.offset / page.limit) + 1,
    total_items: page.total,
  });
});
