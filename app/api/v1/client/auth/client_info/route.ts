// GET /api/v1/client/auth/client_info – the key check of the Python SDK's ComposioToolSet(): 200 with
// the key's project and the key's record (no secret), 401 for a missing, unknown or revoked key.
import { getClientInfo } from "@/lib/core/client-info";
import { clientInfoLegacy, withLegacyKey } from "@/lib/http/legacy-mappers";

export const dynamic = "force-dynamic";

export const GET = withLegacyKey(async ({ deps, projectId, actor }) =>
  clientInfoLegacy(await getClientInfo(deps, { projectId, keyId: actor.id ?? "" })),
);
