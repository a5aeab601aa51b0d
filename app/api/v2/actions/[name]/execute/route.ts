// POST /api/v2/actions/{name}/execute – run an action through a connected account (or the entity's newest ACTIVE one)
import { AppError } from "@/lib/core/errors";
import { executeAction } from "@/lib/core/execute";
import { executeResultLegacy, withLegacyKey } from "@/lib/http/legacy-mappers";
import { executeActionBody } from "@/lib/http/legacy-schemas";
import { readJson } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const POST = withLegacyKey<{ name: string }>(
  async ({ deps, projectId, actor, requestId, req }, { name }) => {
    const body = executeActionBody.parse(await readJson(req));
    if (body.authConfig !== undefined && body.authConfig !== null) {
      throw new AppError(
        "bad_request",
        "authConfig: Keyport executes only with stored connections; pass connectedAccountId or entityId",
      );
    }
    const result = await executeAction(deps, {
      projectId,
      actor,
      requestId,
      action: name,
      connectionId: body.connectedAccountId ?? undefined,
      userId: body.entityId ?? undefined,
      arguments: body.input ?? {},
    });
    return executeResultLegacy(result);
  },
);
