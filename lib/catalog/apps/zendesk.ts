// Zendesk Support (one subdomain per connection).
// Checked against https://support.zendesk.com/hc/en-us/articles/4408845965210
// and https://developer.zendesk.com/documentation/api-basics/authentication/oauth-pkce
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { connectionField, DNS_LABEL, oauth2 } from "./shared";

export const zendesk: AppDef = {
  key: "zendesk",
  name: "Zendesk",
  description: "Tickets, users and help center content in Zendesk.",
  logo: monogram("Z", "#03363D"),
  categories: ["support"],
  docsUrl: "https://support.zendesk.com/hc/en-us/articles/4408845965210",
  apiBaseUrl: "https://{subdomain}.zendesk.com/api/v2",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://{subdomain}.zendesk.com/oauth/authorizations/new",
      tokenUrl: "https://{subdomain}.zendesk.com/oauth/tokens",
      scopeSeparator: " ",
      defaultScopes: ["read", "write"],
      pkce: true,
      tokenAuthMethod: "client_secret_post",
    }),
  ],
  connectionFields: [
    connectionField(
      "subdomain",
      "Zendesk subdomain",
      "The part before .zendesk.com, e.g. acme for acme.zendesk.com.",
      DNS_LABEL,
    ),
  ],
  identity: {
    method: "GET",
    path: "/users/me",
    id: "user.id",
    login: "user.email",
    name: "user.name",
  },
};
