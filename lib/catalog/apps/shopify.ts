// Shopify Admin API (one shop per connection).
// Checked against https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { connectionField, oauth2 } from "./shared";

/** A stable Admin API version; each is supported for at least twelve months. */
export const SHOPIFY_API_VERSION = "2026-10";

export const shopify: AppDef = {
  key: "shopify",
  name: "Shopify",
  description: "Products, orders and customers of a Shopify store.",
  logo: monogram("S", "#5E8E3E"),
  categories: ["e-commerce"],
  docsUrl:
    "https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant",
  apiBaseUrl: `https://{shop}.myshopify.com/admin/api/${SHOPIFY_API_VERSION}`,
  authSchemes: [
    oauth2({
      authorizeUrl: "https://{shop}.myshopify.com/admin/oauth/authorize",
      tokenUrl: "https://{shop}.myshopify.com/admin/oauth/access_token",
      // No RFC 7009 endpoint: an app uninstalls itself with DELETE /admin/api_permissions/current.json.
      scopeSeparator: ",",
      defaultScopes: ["read_products", "read_orders", "read_customers"],
      // PKCE off: Shopify's authorization code grant has no code_challenge parameter.
      pkce: false,
      tokenAuthMethod: "client_secret_post",
    }),
  ],
  connectionFields: [
    connectionField(
      "shop",
      "Shop name",
      "The store's myshopify.com name, e.g. acme for acme.myshopify.com.",
      // Shopify store handles: lower-case letters, digits and hyphens, one DNS label.
      "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$",
    ),
  ],
  identity: {
    method: "GET",
    path: "/shop.json",
    id: "shop.id",
    login: "shop.myshopify_domain",
    name: "shop.name",
  },
};
