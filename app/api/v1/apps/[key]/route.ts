// GET /api/v1/apps/{key} – one app (composio-core reads `no_auth` before executing an action)
import { requireApp } from "@/lib/core/apps";
import { appLegacy, withLegacyKey } from "@/lib/http/legacy-mappers";

export const dynamic = "force-dynamic";

export const GET = withLegacyKey<{ key: string }>(({ deps }, { key }) =>
  appLegacy(requireApp(deps, key)),
);
