// Discord (user OAuth2).
// Checked against https://discord.com/developers/docs/topics/oauth2 (from memory)
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const discord: AppDef = {
  key: "discord",
  name: "Discord",
  description: "The user's Discord profile and servers.",
  logo: monogram("D", "#5865F2"),
  categories: ["communication", "social"],
  docsUrl: "https://discord.com/developers/docs/topics/oauth2",
  apiBaseUrl: "https://discord.com/api/v10",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://discord.com/oauth2/authorize",
      tokenUrl: "https://discord.com/api/oauth2/token",
      revokeUrl: "https://discord.com/api/oauth2/token/revoke",
      scopeSeparator: " ",
      defaultScopes: ["identify", "email", "guilds"],
      // PKCE off: Discord's OAuth2 reference documents no code_challenge for confidential clients.
      pkce: false,
      tokenAuthMethod: "client_secret_basic",
    }),
  ],
  connectionFields: [],
  identity: { method: "GET", path: "/users/@me", id: "id", login: "username", name: "global_name" },
};
