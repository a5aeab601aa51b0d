// GET /api/v3.1/tools/{slug} – one action with its JSON-Schema parameters
import { requireAction } from "@/lib/core/execute";
import { apiOperation } from "@/lib/http/operation";
import { getTool } from "@/lib/http/v3-operations";
import { toolV3Bytes } from "@/lib/http/v3-tools";
import { jsonBytes } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const GET = apiOperation(getTool, async ({ deps, params }) =>
  jsonBytes(toolV3Bytes(await requireAction(deps, params.slug))),
);
