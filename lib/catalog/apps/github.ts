// GitHub (OAuth App / GitHub App user tokens).
// Checked against https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
// and https://github.blog/changelog/2025-07-14-pkce-support-for-oauth-and-github-app-authentication
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const github: AppDef = {
  key: "github",
  name: "GitHub",
  description: "Repositories, issues, pull requests and actions on GitHub.",
  logo: monogram("GH", "#181717"),
  categories: ["developer-tools"],
  docsUrl: "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps",
  apiBaseUrl: "https://api.github.com",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://github.com/login/oauth/authorize",
      tokenUrl: "https://github.com/login/oauth/access_token",
      // No RFC 7009 endpoint: GitHub revokes with DELETE /applications/{client_id}/grant (Basic auth).
      scopeSeparator: " ",
      defaultScopes: ["repo", "read:user", "user:email"],
      pkce: true, // supported since July 2025, S256 only
      tokenAuthMethod: "client_secret_post",
      // GitHub has no prompt=consent; select_account shows the account picker on every connect.
      reconsentParams: { prompt: "select_account" },
    }),
  ],
  connectionFields: [],
  identity: { method: "GET", path: "/user", id: "id", login: "login", name: "name" },
  testAction: "GITHUB_GET_THE_AUTHENTICATED_USER",
  // GitHub Enterprise Server: integrations may override the URLs (SECURITY.md 22).
  selfHostable: true,
};
