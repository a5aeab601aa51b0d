// GET /api/v3.1/toolkits/{slug} – one app with the fields each auth scheme needs
import { actionCount } from "@/lib/actions/registry";
import { requireApp } from "@/lib/core/apps";
import { apiOperation } from "@/lib/http/operation";
import { toolkitV3 } from "@/lib/http/v3-mappers";
import { getToolkit } from "@/lib/http/v3-operations";

export const dynamic = "force-dynamic";

export const GET = apiOperation(getToolkit, async ({ deps, params }) => {
  const app = requireApp(deps, params.slug);
  return toolkitV3(app, await actionCount(app.key, { sandboxOrigin: deps.sandboxOrigin }), true);
});
