// Todoist (unified API v1).
// Checked against https://developer.todoist.com/api/v1/#tag/Authorization
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const todoist: AppDef = {
  key: "todoist",
  name: "Todoist",
  description: "Tasks, projects and labels in Todoist.",
  logo: monogram("T", "#E44332"),
  categories: ["productivity", "project-management"],
  docsUrl: "https://developer.todoist.com/api/v1/#tag/Authorization",
  apiBaseUrl: "https://api.todoist.com/api/v1",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://todoist.com/oauth/authorize",
      tokenUrl: "https://todoist.com/oauth/access_token",
      // No RFC 7009 endpoint: Todoist revokes with DELETE /api/v1/access_tokens and the client
      // secret in the query string, which SECURITY.md 18 forbids us to send.
      scopeSeparator: ",",
      defaultScopes: ["data:read_write"],
      // PKCE off: Todoist's OAuth flow documents no code_challenge.
      pkce: false,
      tokenAuthMethod: "client_secret_post",
    }),
  ],
  connectionFields: [],
  identity: { method: "GET", path: "/user", id: "id", login: "email", name: "full_name" },
};
