// HubSpot.
// Checked against https://developers.hubspot.com/docs/api/oauth-quickstart-guide
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const hubspot: AppDef = {
  key: "hubspot",
  name: "HubSpot",
  description: "Contacts, companies and deals in HubSpot CRM.",
  logo: monogram("HS", "#FF7A59"),
  categories: ["crm", "marketing"],
  docsUrl: "https://developers.hubspot.com/docs/api/oauth-quickstart-guide",
  apiBaseUrl: "https://api.hubapi.com",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://app.hubspot.com/oauth/authorize",
      tokenUrl: "https://api.hubapi.com/oauth/v1/token",
      // No RFC 7009 endpoint: HubSpot deletes refresh tokens with DELETE /oauth/v1/refresh-tokens/{token}.
      scopeSeparator: " ",
      defaultScopes: ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write"],
      // PKCE off: HubSpot's OAuth guide documents no code_challenge for its authorization code flow.
      pkce: false,
      tokenAuthMethod: "client_secret_post",
    }),
  ],
  connectionFields: [],
  // The portal (account) id; the access-token info call would put the token in the URL.
  identity: { method: "GET", path: "/account-info/v3/details", id: "portalId" },
};
