// Notion public integrations.
// Checked against https://developers.notion.com/docs/authorization
// and https://developers.notion.com/reference/revoke-token
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const notion: AppDef = {
  key: "notion",
  name: "Notion",
  description: "Pages, databases and blocks in a Notion workspace.",
  logo: monogram("N", "#000000"),
  categories: ["productivity", "documents"],
  docsUrl: "https://developers.notion.com/docs/authorization",
  apiBaseUrl: "https://api.notion.com/v1",
  // Every Notion API call, the OAuth ones included, must name an API version.
  headers: { "Notion-Version": "2025-09-03" },
  authSchemes: [
    oauth2({
      authorizeUrl: "https://api.notion.com/v1/oauth/authorize",
      tokenUrl: "https://api.notion.com/v1/oauth/token",
      // Basic client auth with a JSON body {"token": …}, not a form body.
      revokeUrl: "https://api.notion.com/v1/oauth/revoke",
      scopeSeparator: " ",
      // Capabilities are chosen in the integration's settings; the user picks pages on consent.
      defaultScopes: [],
      noScopes: true,
      // PKCE off: Notion's public-integration flow documents no code_challenge.
      pkce: false,
      tokenAuthMethod: "client_secret_basic",
      authorizeParams: { owner: "user" },
    }),
  ],
  connectionFields: [],
  identity: {
    method: "GET",
    path: "/users/me",
    id: "id",
    login: "bot.owner.user.person.email",
    name: "bot.workspace_name",
  },
};
