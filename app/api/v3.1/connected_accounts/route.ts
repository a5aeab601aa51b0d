// GET  /api/v3.1/connected_accounts – list a project's connected accounts (filters, cursor pagination)
// POST /api/v3.1/connected_accounts – initiate a connection for a user through an auth config
import { listConnections } from "@/lib/core/connections";
import { initiateConnection } from "@/lib/core/initiate";
import { apiOperation } from "@/lib/http/operation";
import { connectedAccountV3, pageV3 } from "@/lib/http/v3-mappers";
import { createConnectedAccount, listConnectedAccounts } from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const GET = apiOperation(listConnectedAccounts, async ({ deps, projectId, query }) => {
  const page = await listConnections(deps, {
    projectId,
    userIds: query.user_ids,
    appKeys: query.toolkit_slugs,
    integrationIds: query.auth_config_ids,
    ids: query.connected_account_ids,
    statuses: query.statuses,
    labels: query.labels,
    cursor: query.cursor,
    limit: query.limit,
    order: query.order_direction,
    withTotal: true,
  });
  return pageV3(page.items.map(connectedAccountV3), page.nextCursor, page.totalItems, query.limit);
});

export const POST = apiOperation(
  createConnectedAccount,
  async ({ deps, projectId, actor, body }) => {
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
    const redirectUrl = result.link?.redirectUrl ?? null;
    return {
      id: account.id,
      status: account.status,
      redirect_url: redirectUrl,
      redirect_uri: redirectUrl,
      // The SDK reads the connect link from connectionData.val.redirectUrl.
      connectionData: {
        authScheme: account.state.authScheme,
        val: { ...account.state.val, redirectUrl },
      },
      connected_account: account,
    };
  },
);
