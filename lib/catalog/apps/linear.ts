// Linear.
// Checked against https://linear.app/developers/oauth-2-0-authentication
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const linear: AppDef = {
  key: "linear",
  name: "Linear",
  description: "Issues, projects and cycles in Linear.",
  logo: monogram("L", "#5E6AD2"),
  categories: ["project-management", "developer-tools"],
  docsUrl: "https://linear.app/developers/oauth-2-0-authentication",
  apiBaseUrl: "https://api.linear.app",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://linear.app/oauth/authorize",
      tokenUrl: "https://api.linear.app/oauth/token",
      revokeUrl: "https://api.linear.app/oauth/revoke",
      scopeSeparator: ",",
      defaultScopes: ["read", "write"],
      pkce: true,
      tokenAuthMethod: "client_secret_post",
    }),
  ],
  connectionFields: [],
  // Linear's API is GraphQL only.
  identity: {
    method: "POST",
    path: "/graphql",
    body: { query: "query { viewer { id name email } }" },
    id: "data.viewer.id",
    login: "data.viewer.email",
    name: "data.viewer.name",
  },
};
