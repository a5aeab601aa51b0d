// Domain objects → the v3.1 face's JSON (Composio v3 field names). No secrets: hints only.
import { categoryLabel } from "@/lib/catalog/labels";
import type { AppDef, FieldDef } from "@/lib/catalog/types";
// One mapping for the API and the webhook payloads (lib/core/connection-v3.ts).
export { connectedAccountV3 } from "@/lib/core/connection-v3";
import type { IntegrationView } from "@/lib/core/integrations";
import type { z } from "zod";
import type * as r from "./v3-responses";

/** An auth config (= integration). Secrets only as set / not set. */
export function authConfigV3(
  i: IntegrationView,
  connectionCount?: number,
): z.input<typeof r.authConfig> {
  return {
    id: i.id,
    uuid: i.id,
    name: i.name,
    type: "custom" as const,
    toolkit: { slug: i.appKey, logo: "" },
    auth_scheme: i.authScheme,
    is_composio_managed: false,
    is_enabled_for_tool_router: false,
    status: i.enabled ? "ENABLED" : "DISABLED",
    credentials: {
      client_id: i.clientId ?? undefined,
      client_secret_set: i.clientSecretSet,
      scopes: i.scopes,
    },
    scopes: i.scopes,
    authorize_url: i.authorizeUrl,
    token_url: i.tokenUrl,
    api_base_url: i.apiBaseUrl,
    no_of_connections: connectionCount ?? 0,
    created_at: i.createdAt.toISOString(),
    last_updated_at: i.updatedAt.toISOString(),
  };
}

type FieldV3 = z.input<
  typeof r.toolkitDetail
>["auth_config_details"][number]["fields"]["auth_config_creation"]["required"][number];

function fieldV3(f: FieldDef): FieldV3 {
  return {
    name: f.name,
    displayName: f.displayName,
    display_name: f.displayName,
    type: "string",
    description: f.description,
    required: f.required,
    is_secret: f.secret,
    default: f.default ?? null,
    ...(f.pattern ? { pattern: f.pattern } : {}),
  };
}

/** A toolkit (= app) with its action count; `detail` adds the fields each auth scheme needs. */
export function toolkitV3(app: AppDef, toolsCount: number): z.input<typeof r.toolkit>;
export function toolkitV3(
  app: AppDef,
  toolsCount: number,
  detail: true,
): z.input<typeof r.toolkitDetail>;
export function toolkitV3(app: AppDef, toolsCount: number, detail = false) {
  const base: z.input<typeof r.toolkit> = {
    slug: app.key,
    name: app.name,
    is_local_toolkit: false,
    meta: {
      description: app.description,
      logo: app.logo,
      categories: app.categories.map((c) => ({ slug: c, name: categoryLabel(c) })),
      app_url: app.docsUrl,
      tools_count: toolsCount,
      triggers_count: 0,
    },
    auth_schemes: app.authSchemes.map((s) => s.mode),
    composio_managed_auth_schemes: [],
    no_auth: app.authSchemes.every((s) => s.mode === "NO_AUTH"),
  };
  if (!detail) return base;
  return {
    ...base,
    auth_config_details: app.authSchemes.map((s) => {
      const creation =
        s.mode === "OAUTH2" || s.mode === "OAUTH1"
          ? [
              fieldV3({
                name: "client_id",
                displayName: "Client ID",
                description: "OAuth client id",
                required: true,
                secret: false,
              }),
              fieldV3({
                name: "client_secret",
                displayName: "Client secret",
                description: "OAuth client secret",
                required: true,
                secret: true,
              }),
            ]
          : [];
      const initiation = [...app.connectionFields, ...s.fields];
      return {
        name: s.mode,
        mode: s.mode,
        fields: {
          auth_config_creation: { required: creation, optional: [] },
          connected_account_initiation: {
            required: initiation.filter((f) => f.required).map(fieldV3),
            optional: initiation.filter((f) => !f.required).map(fieldV3),
          },
        },
        proxy: { base_url: app.apiBaseUrl },
      };
    }),
    docs_url: app.docsUrl,
  };
}

/** The cursor page envelope. */
export function pageV3<T>(
  items: T[],
  nextCursor: string | null,
  totalItems: number,
  limit: number,
) {
  return {
    items,
    next_cursor: nextCursor,
    total_pages: Math.max(1, Math.ceil(totalItems / Math.max(1, limit))),
    current_page: 1,
    total_items: totalItems,
  };
}
