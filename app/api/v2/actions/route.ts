// GET /api/v2/actions – actions with JSON-Schema parameters (?apps=&actions=&tags=&useCase=&limit=&cursor=; comma lists)
import { listActions } from "@/lib/actions/registry";
import { actionLegacy, withLegacyKey } from "@/lib/http/legacy-mappers";
import { actionsQuery } from "@/lib/http/legacy-schemas";
import { listParam } from "@/lib/http/query";

export const dynamic = "force-dynamic";

const UNFILTERED_PAGE = 1000;
/** Above any one app's action count (the registry's own maximum page). */
const ALL_OF_APPS = 5000;

export const GET = withLegacyKey(async ({ deps, req }) => {
  const q = new URL(req.url).searchParams;
  const { limit, usecaseLimit, cursor } = actionsQuery.parse({
    limit: q.get("limit") || undefined,
    usecaseLimit: q.get("usecaseLimit") || undefined,
    cursor: q.get("cursor") || undefined,
  });
  const useCase = q.get("useCase") || undefined;
  const apps = listParam(q, "apps")?.map((a) => a.toLowerCase());
  // Neither SDK pages. With apps= the answer holds every action of those apps (the Python SDK
  // looks an action up in `?apps=GITHUB`: all 1,221 must be there); without, 1000 per page and
  // a cursor (the Python SDK's cache fills the rest one by one through GET /api/v2/actions/{name}).
  const page = await listActions(
    {
      apps,
      names: listParam(q, "actions")?.map((n) => n.toUpperCase()),
      tags: listParam(q, "tags"),
      search: useCase,
      limit: (useCase && usecaseLimit) || limit || (apps ? ALL_OF_APPS : UNFILTERED_PAGE),
      cursor,
    },
    { sandboxOrigin: deps.sandboxOrigin },
  );
  return {
    items: page.items.map(actionLegacy),
    page: 1,
    totalPages: page.nextCursor ? 2 : 1,
    nextCursor: page.nextCursor,
  };
});
