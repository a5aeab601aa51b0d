// Microsoft 365 apps through the Microsoft identity platform (Entra ID v2) and Microsoft Graph.
// Checked against https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow
import type { AppDef, AuthSchemeDef } from "../types";
import { monogram } from "../logos";

// `common` accepts work, school and personal accounts; single-tenant apps override it per integration.
const AUTHORITY = "https://login.microsoftonline.com/common/oauth2/v2.0";

function microsoftOAuth(scopes: string[]): AuthSchemeDef {
  return {
    mode: "OAUTH2",
    oauth2: {
      authorizeUrl: `${AUTHORITY}/authorize`,
      tokenUrl: `${AUTHORITY}/token`,
      // Entra has no token revocation endpoint for delegated tokens.
      scopeSeparator: " ",
      // offline_access is what makes Entra return a refresh token.
      defaultScopes: ["offline_access", "User.Read", ...scopes],
      pkce: true,
      tokenAuthMethod: "client_secret_post",
    },
    fields: [],
  };
}

const DOCS = "https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow";
const GRAPH = "https://graph.microsoft.com/v1.0";
const identity = {
  method: "GET",
  path: "/me",
  id: "id",
  login: "userPrincipalName",
  name: "displayName",
} as const;

export const outlook: AppDef = {
  key: "outlook",
  name: "Outlook",
  description: "Mail, calendar and contacts in Outlook / Microsoft 365.",
  logo: monogram("O", "#0078D4"),
  categories: ["email", "calendar", "communication"],
  docsUrl: DOCS,
  apiBaseUrl: GRAPH,
  authSchemes: [microsoftOAuth(["Mail.ReadWrite", "Mail.Send", "Calendars.ReadWrite"])],
  connectionFields: [],
  identity,
};

export const teams: AppDef = {
  key: "teams",
  name: "Microsoft Teams",
  description: "Teams, channels, chats and messages in Microsoft Teams.",
  logo: monogram("T", "#6264A7"),
  categories: ["communication"],
  docsUrl: DOCS,
  apiBaseUrl: GRAPH,
  authSchemes: [
    microsoftOAuth([
      "Team.ReadBasic.All",
      "Channel.ReadBasic.All",
      "ChannelMessage.Send",
      "Chat.ReadWrite",
    ]),
  ],
  connectionFields: [],
  identity,
};
