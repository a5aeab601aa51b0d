// GET  /api/v1/connectedAccounts – a project's connected accounts, newest first, page by page
//      (pageSize above ACCOUNTS_PAGE_CAP is clamped: the Python SDK asks for 99999999 to mean "all")
// POST /api/v1/connectedAccounts – create a connected account through an integration (200: the
//      Python SDK accepts nothing else; composio-core takes any 2xx)
import { listConnections } from "@/lib/core/connections";
import { AppError } from "@/lib/core/errors";
import { initiateConnection } from "@/lib/core/initiate";
import {
  connectedAccountLegacy,
  connectionRequestLegacy,
  keyportStatuses,
  pageLegacy,
  withLegacyKey,
} from "@/lib/http/legacy-mappers";
import { accountsPageQuery, createConnectionBody } from "@/lib/http/legacy-schemas";
import { boolParam, listParam } from "@/lib/http/query";
import { readJson } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

// Page N is the tail of the first N pages (keyset pagination underneath): bounded here.
const MAX_OFFSET = 10_000;

export const GET = withLegacyKey(async ({ deps, projectId, req }) => {
  const q = new URL(req.url).searchParams;
  const { page, pageSize } = accountsPageQuery.parse({
    page: q.get("page") || undefined,
    pageSize: q.get("pageSize") || undefined,
  });
  if (page * pageSize > MAX_OFFSET) {
    throw new AppError(
      "bad_request",
      `page: only the first ${MAX_OFFSET} accounts can be paged through here; filter further, or use GET /api/v3.1/connected_accounts and its cursor`,
    );
  }
  // Composio's semantics: disabled accounts are listed only with showDisabled=true.
  const showDisabled = boolParam(q, "showDisabled") ?? false;
  const status = q.get("status") || (boolParam(q, "showActiveOnly") ? "ACTIVE" : undefined);
  const result = await listConnections(deps, {
    projectId,
    userIds: listParam(q, "user_uuid", "entityId"),
    appKeys: listParam(q, "appNames", "appUniqueKeys")?.map((a) => a.toLowerCase()),
    integrationIds: listParam(q, "integrationId"),
    ids: listParam(q, "connectionId"),
    statuses: status ? keyportStatuses(status) : undefined,
    labels: listParam(q, "labels"),
    enabled: showDisabled ? undefined : true,
    limit: page * pageSize,
    withTotal: true,
  });
  const items = result.items.slice((page - 1) * pageSize).map(connectedAccountLegacy);
  return pageLegacy(items, page, pageSize, result.totalItems);
});

export const POST = withLegacyKey(async ({ deps, projectId, actor, req }) => {
  const body = createConnectionBody.parse(await readJson(req));
  const result = await initiateConnection(deps, {
    projectId,
    actor,
    integrationId: body.integrationId,
    userId: body.entityId ?? body.userUuid ?? undefined,
    returnUrl: body.redirectUri || undefined,
    credentials: body.data ?? undefined,
    connectionParams: body.data ?? undefined,
    labels: body.labels ?? undefined,
  });
  return { ...connectedAccountLegacy(result.connection), ...connectionRequestLegacy(result) };
});
