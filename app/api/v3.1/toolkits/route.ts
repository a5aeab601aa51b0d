// GET /api/v3.1/toolkits – the app catalog (optional ?category=&search=)
import { availableApps } from "@/lib/core/apps";
import { toolkitV3 } from "@/lib/http/v3-mappers";
import { withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const GET = withApiKey(({ deps, req }) => {
  const q = new URL(req.url).searchParams;
  const category = q.get("category")?.toLowerCase();
  const search = q.get("search")?.toLowerCase();
  const apps = availableApps(deps).filter(
    (a) =>
      (!category || a.categories.includes(category)) &&
      (!search || a.name.toLowerCase().includes(search) || a.key.includes(search)),
  );
  const items = apps.map((a) => toolkitV3(a));
  return { items, next_cursor: null, total_pages: 1, current_page: 1, total_items: items.length };
});
