// GET /api/v3.1/toolkits/{slug} – one app with the fields each auth scheme needs
import { requireApp } from "@/lib/core/apps";
import { toolkitV3 } from "@/lib/http/v3-mappers";
import { withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export const GET = withApiKey<{ slug: string }>(({ deps }, { slug }) =>
  toolkitV3(requireApp(deps, slug), true),
);
