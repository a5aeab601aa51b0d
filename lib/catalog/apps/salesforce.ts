// Salesforce (production login; the API host is the org's instance_url from the token response).
// Checked against https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const salesforce: AppDef = {
  key: "salesforce",
  name: "Salesforce",
  description: "Accounts, contacts, opportunities and any object in Salesforce.",
  logo: monogram("SF", "#00A1E0"),
  categories: ["crm"],
  docsUrl: "https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm",
  // Fallback only: real calls go to the token response's instance_url (e.g. https://acme.my.salesforce.com).
  apiBaseUrl: "https://login.salesforce.com",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://login.salesforce.com/services/oauth2/authorize",
      tokenUrl: "https://login.salesforce.com/services/oauth2/token",
      revokeUrl: "https://login.salesforce.com/services/oauth2/revoke",
      scopeSeparator: " ",
      defaultScopes: ["api", "refresh_token"],
      pkce: true,
      tokenAuthMethod: "client_secret_post",
      apiBaseUrlFromTokenField: "instance_url",
    }),
  ],
  connectionFields: [],
  identity: {
    method: "GET",
    path: "/services/oauth2/userinfo",
    id: "user_id",
    login: "preferred_username",
    name: "name",
  },
};
