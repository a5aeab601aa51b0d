// POST /api/v3.1/connected_accounts/link – a hosted connect link for a user and an auth config
import { initiateConnection } from "@/lib/core/initiate";
import { apiOperation } from "@/lib/http/operation";
import { createConnectLink } from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const POST = apiOperation(createConnectLink, async ({ deps, projectId, actor, body }) => {
  const result = await initiateConnection(deps, {
    projectId,
    actor,
    integrationId: body.auth_config_id,
    userId: body.user_id,
    returnUrl: body.callback_url,
    connectionParams: body.connection_data,
  });
  return {
    link_token: result.link?.id ?? null,
    redirect_url: result.link?.redirectUrl ?? null,
    expires_at: result.link?.expiresAt.toISOString() ?? null,
    connected_account_id: result.connection.id,
  };
});
