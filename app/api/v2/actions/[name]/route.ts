// GET /api/v2/actions/{name} – one action (composio-core reads `appKey` before executing)
import { requireAction } from "@/lib/core/execute";
import { actionLegacy, withLegacyKey } from "@/lib/http/legacy-mappers";

export const dynamic = "force-dynamic";

export const GET = withLegacyKey<{ name: string }>(async ({ deps }, { name }) =>
  actionLegacy(await requireAction(deps, name)),
);
