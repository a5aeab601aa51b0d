// GET /api/v3.1/toolkits – the app catalog (optional ?category=&search=)
import { actionCount } from "@/lib/actions/registry";
import { availableApps } from "@/lib/core/apps";
import { apiOperation } from "@/lib/http/operation";
import { toolkitV3 } from "@/lib/http/v3-mappers";
import { listToolkits } from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const GET = apiOperation(listToolkits, async ({ deps, query }) => {
  const category = query.category?.toLowerCase();
  const search = query.search?.toLowerCase();
  const apps = availableApps(deps).filter(
    (a) =>
      (!category || a.categories.includes(category)) &&
      (!search || a.name.toLowerCase().includes(search) || a.key.includes(search)),
  );
  const opts = { sandboxOrigin: deps.sandboxOrigin };
  const counts = await Promise.all(apps.map((a) => actionCount(a.key, opts)));
  const items = apps.map((a, i) => toolkitV3(a, counts[i] ?? 0));
  return { items, next_cursor: null, total_pages: 1, current_page: 1, total_items: items.length };
});
