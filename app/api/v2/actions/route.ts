// GET /api/v2/actions – actions with JSON-Schema parameters (?apps=&actions=&tags=&useCase=&limit=&cursor=; comma lists)
import { listActions } from "@/lib/actions/registry";
import { actionLegacy, withLegacyKey } from "@/lib/http/legacy-mappers";
import { actionsQuery } from "@/lib/http/legacy-schemas";
import { listParam } from "@/lib/http/query";

export const dynamic = "force-dynamic";

export const GET = withLegacyKey(async ({ deps, req }) => {
  const q = new URL(req.url).searchParams;
  const { limit, usecaseLimit, cursor } = actionsQuery.parse({
    limit: q.get("limit") || undefined,
    usecaseLimit: q.get("usecaseLimit") || undefined,
    cursor: q.get("cursor") || undefined,
  });
  const useCase = q.get("useCase") || undefined;
  // composio-core asks once and does not page: one page holds up to 1000 actions.
  const page = await listActions(
    {
      apps: listParam(q, "apps")?.map((a) => a.toLowerCase()),
      names: listParam(q, "actions")?.map((n) => n.toUpperCase()),
      tags: listParam(q, "tags"),
      search: useCase,
      limit: (useCase && usecaseLimit) || limit,
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
