// GET /api/v3.1/toolkits/{slug} – one app with the fields each auth scheme needs
import { actionCount } from "@/lib/actions/registry";
import { requireApp } from "@/lib/core/apps";
import { toolkitV3 } from "@/lib/http/v3-mappers";
import { withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const GET = withApiKey<{ slug: string }>(async ({ deps }, { slug }) => {
  const app = requireApp(deps, slug);
  return toolkitV3(app, await actionCount(app.key, { sandboxOrigin: deps.sandboxOrigin }), true);
});
