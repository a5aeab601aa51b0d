// GET  /api/v3.1/connected_accounts – list a project's connected accounts (filters, cursor pagination)
// POST /api/v3.1/connected_accounts – initiate a connection for a user through an auth config
import { connectionStatuses, type ConnectionStatus } from "@/db/schema";
import { listConnections } from "@/lib/core/connections";
import { AppError } from "@/lib/core/errors";
import { initiateConnection } from "@/lib/core/initiate";
import { listParam } from "@/lib/http/query";
import { connectedAccountV3, pageV3 } from "@/lib/http/v3-mappers";
import { createConnectedAccountBody, listQuery } from "@/lib/http/v3-schemas";
import { json, readJson, withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const GET = withApiKey(async ({ deps, projectId, req }) => {
  const q = new URL(req.url).searchParams;
  const { limit, cursor } = listQuery.parse({
    limit: q.get("limit") ?? undefined,
    cursor: q.get("cursor") ?? undefined,
  });
  const statuses = listParam(q, "statuses")?.map((s) => s.toUpperCase());
  const bad = statuses?.find((s) => !connectionStatuses.includes(s as ConnectionStatus));
  if (bad) throw new AppError("bad_request", `statuses: unknown status "${bad}"`);
  const page = await listConnections(deps, {
    projectId,
    userIds: listParam(q, "user_ids"),
    appKeys: listParam(q, "toolkit_slugs"),
    integrationIds: listParam(q, "auth_config_ids"),
    ids: listParam(q, "connected_account_ids"),
    statuses: statuses as ConnectionStatus[] | undefined,
    labels: listParam(q, "labels"),
    cursor,
    limit,
    order: q.get("order_direction") === "asc" ? "asc" : "desc",
    withTotal: true,
  });
  return pageV3(page.items.map(connectedAccountV3), page.nextCursor, page.totalItems, limit);
});

export const POST = withApiKey(async ({ deps, projectId, actor, req }) => {
  const body = createConnectedAccountBody.parse(await readJson(req));
  // @composio/core sends typed credentials as connection.state.val; older callers as connection.data.
  const stateVal = body.connection.state?.val;
  const typed =
    body.connection.data ??
    (stateVal && typeof stateVal === "object"
      ? Object.fromEntries(
          Object.entries(stateVal).filter((e): e is [string, string] => typeof e[1] === "string"),
        )
      : undefined);
  const result = await initiateConnection(deps, {
    projectId,
    actor,
    integrationId: body.auth_config.id,
    userId: body.connection.user_id,
    returnUrl: body.connection.callback_url,
    credentials: typed,
    connectionParams: typed,
    labels: body.connection.labels,
  });
  const account = connectedAccountV3(result.connection);
  return json(
    {
      id: account.id,
      status: account.status,
      redirect_url: result.link?.redirectUrl ?? null,
      redirect_uri: result.link?.redirectUrl ?? null,
      // The SDK reads the connect link from connectionData.val.redirectUrl.
      connectionData: {
        authScheme: account.state.authScheme,
        val: { ...account.state.val, redirectUrl: result.link?.redirectUrl ?? null },
      },
      connected_account: account,
    },
    201,
  );
});
