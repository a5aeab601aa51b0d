// GET /api/v3.1/tools/{slug} – one action with its JSON-Schema parameters
import { requireAction } from "@/lib/core/execute";
import { toolV3 } from "@/lib/http/v3-tools";
import { withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const GET = withApiKey<{ slug: string }>(async ({ deps }, { slug }) =>
  toolV3(await requireAction(deps, slug)),
);
