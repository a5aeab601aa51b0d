// Slack (OAuth v2: bot scopes in `scope`, user scopes in `user_scope`).
// Checked against https://docs.slack.dev/authentication/installing-with-oauth
// and https://docs.slack.dev/authentication/using-pkce
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const slack: AppDef = {
  key: "slack",
  name: "Slack",
  description: "Channels, messages and users in a Slack workspace.",
  logo: monogram("S", "#4A154B"),
  categories: ["communication"],
  docsUrl: "https://docs.slack.dev/authentication/installing-with-oauth",
  apiBaseUrl: "https://slack.com/api",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://slack.com/oauth/v2/authorize",
      tokenUrl: "https://slack.com/api/oauth.v2.access",
      // auth.revoke takes the token as the `token` form argument.
      revokeUrl: "https://slack.com/api/auth.revoke",
      scopeSeparator: ",",
      defaultScopes: ["channels:read", "chat:write", "users:read"],
      userScopeParam: "user_scope",
      // PKCE off: Slack accepts it only after the app is switched, irreversibly, to a public
      // client in its settings; a confidential server-side app like ours does not use that mode.
      pkce: false,
      tokenAuthMethod: "client_secret_post",
    }),
  ],
  connectionFields: [],
  // A bot token identifies the workspace install: team_id is the upstream account.
  identity: { method: "GET", path: "/auth.test", id: "team_id", login: "user", name: "team" },
};
