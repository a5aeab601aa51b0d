// Asana (granular OAuth scopes).
// Checked against https://developers.asana.com/docs/oauth and https://developers.asana.com/docs/oauth-scopes
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const asana: AppDef = {
  key: "asana",
  name: "Asana",
  description: "Tasks, projects and workspaces in Asana.",
  logo: monogram("A", "#F06A6A"),
  categories: ["project-management", "productivity"],
  docsUrl: "https://developers.asana.com/docs/oauth",
  apiBaseUrl: "https://app.asana.com/api/1.0",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://app.asana.com/-/oauth_authorize",
      tokenUrl: "https://app.asana.com/-/oauth_token",
      revokeUrl: "https://app.asana.com/-/oauth_revoke",
      scopeSeparator: " ",
      // Granular scopes; an app registered for "Full permissions" must send none of these
      // (the two modes are exclusive), so its integration overrides the scopes.
      defaultScopes: [
        "users:read",
        "workspaces:read",
        "projects:read",
        "tasks:read",
        "tasks:write",
      ],
      pkce: true,
      tokenAuthMethod: "client_secret_post",
    }),
  ],
  connectionFields: [],
  identity: {
    method: "GET",
    path: "/users/me",
    id: "data.gid",
    login: "data.email",
    name: "data.name",
  },
};
