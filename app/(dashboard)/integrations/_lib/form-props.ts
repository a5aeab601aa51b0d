// What the integration form needs to know about an app (plain data for a client component).
import type { AppDef } from "@/lib/catalog/types";
import { schemeLabels } from "@/lib/catalog/labels";
import type { SchemeOption } from "../_components/integration-form";

export function schemeOptions(app: AppDef): SchemeOption[] {
  return app.authSchemes.map((s) => ({
    mode: s.mode,
    label: schemeLabels[s.mode],
    defaultScopes: s.oauth2?.defaultScopes ?? [],
    noScopes: Boolean(s.oauth2?.noScopes),
  }));
}

export const appProps = (app: AppDef) => ({
  key: app.key,
  name: app.name,
  selfHostable: Boolean(app.selfHostable),
});
