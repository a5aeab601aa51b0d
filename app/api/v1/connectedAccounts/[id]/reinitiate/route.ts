// POST /api/v1/connectedAccounts/{id}/reinitiate – reconnect: new credentials (key-based) or a new connect link
import { createReconnectLink } from "@/lib/core/initiate";
import { updateConnectionCredentials } from "@/lib/core/update-credentials";
import { legacyStatus, withLegacyKey } from "@/lib/http/legacy-mappers";
import { reinitiateBody } from "@/lib/http/legacy-schemas";
import { readJson } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const POST = withLegacyKey<{ id: string }>(
  async ({ deps, projectId, actor, req }, { id }) => {
    const body = reinitiateBody.parse(await readJson(req));
    if (body.data && Object.keys(body.data).length > 0) {
      const updated = await updateConnectionCredentials(deps, {
        projectId,
        id,
        credentials: body.data,
        actor,
      });
      return {
        connectionStatus: legacyStatus(updated.status),
        connectedAccountId: id,
        redirectUrl: null,
      };
    }
    // The link keeps the connection's return URL (redirectUri is not re-checked here), and the
    // account keeps its status meanwhile: Keyport never turns an ACTIVE connection into INITIATED.
    // "INITIATED" describes the reconnect request, which waits for the end user.
    const link = await createReconnectLink(deps, { projectId, id, actor });
    return { connectionStatus: "INITIATED", connectedAccountId: id, redirectUrl: link.redirectUrl };
  },
);
