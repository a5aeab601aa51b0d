// POST /api/v3.1/connected_accounts/link – a hosted connect link for a user and an auth config
import { initiateConnection } from "@/lib/core/initiate";
import { createLinkBody } from "@/lib/http/v3-schemas";
import { json, readJson, withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const POST = withApiKey(async ({ deps, projectId, actor, req }) => {
  const body = createLinkBody.parse(await readJson(req));
  const result = await initiateConnection(deps, {
    projectId,
    actor,
    integrationId: body.auth_config_id,
    userId: body.user_id,
    returnUrl: body.callback_url,
    connectionParams: body.connection_data,
  });
  return json(
    {
      link_token: result.link?.id ?? null,
      redirect_url: result.link?.redirectUrl ?? null,
      expires_at: result.link?.expiresAt.toISOString() ?? null,
      connected_account_id: result.connection.id,
    },
    201,
  );
});
