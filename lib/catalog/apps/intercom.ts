// Intercom (US-hosted workspaces; EU and AU workspaces use api.eu.intercom.io / api.au.intercom.io).
// Checked against https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const intercom: AppDef = {
  key: "intercom",
  name: "Intercom",
  description: "Conversations, contacts and articles in Intercom.",
  logo: monogram("I", "#1F8DED"),
  categories: ["support", "communication"],
  docsUrl:
    "https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth",
  apiBaseUrl: "https://api.intercom.io",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://app.intercom.com/oauth",
      tokenUrl: "https://api.intercom.io/auth/eagle/token",
      // No RFC 7009 endpoint: an app uninstalls itself with POST /auth/uninstall.
      scopeSeparator: " ",
      // Permissions are set in the Intercom app's settings, not requested per authorization.
      defaultScopes: [],
      noScopes: true,
      // PKCE off: Intercom's OAuth documents no code_challenge.
      pkce: false,
      tokenAuthMethod: "client_secret_post",
    }),
  ],
  connectionFields: [],
  identity: { method: "GET", path: "/me", id: "id", login: "email", name: "name" },
};
