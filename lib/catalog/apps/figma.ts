// Figma.
// Checked against https://developers.figma.com/docs/rest-api/authentication
// and https://developers.figma.com/docs/rest-api/scopes/
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const figma: AppDef = {
  key: "figma",
  name: "Figma",
  description: "Files, comments and components in Figma.",
  logo: monogram("F", "#F24E1E"),
  categories: ["design"],
  docsUrl: "https://developers.figma.com/docs/rest-api/authentication",
  apiBaseUrl: "https://api.figma.com",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://www.figma.com/oauth",
      // The www.figma.com/api/oauth/token endpoint was retired in February 2025.
      tokenUrl: "https://api.figma.com/v1/oauth/token",
      scopeSeparator: " ",
      defaultScopes: ["current_user:read", "file_content:read", "file_comments:read"],
      pkce: true,
      tokenAuthMethod: "client_secret_basic",
    }),
  ],
  connectionFields: [],
  identity: { method: "GET", path: "/v1/me", id: "id", login: "email", name: "handle" },
};
