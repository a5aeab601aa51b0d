// GET /api/v1/apps – the app catalog, with each app's auth schemes and their fields
import { availableApps } from "@/lib/core/apps";
import { appLegacy, withLegacyKey } from "@/lib/http/legacy-mappers";

export const dynamic = "force-dynamic";

export const GET = withLegacyKey(({ deps, req }) => {
  const category = new URL(req.url).searchParams.get("category")?.toLowerCase();
  const apps = availableApps(deps).filter((a) => !category || a.categories.includes(category));
  return { items: apps.map(appLegacy), totalPages: 1, page: 1 };
});
