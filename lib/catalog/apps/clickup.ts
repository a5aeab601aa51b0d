// ClickUp.
// Checked against https://developer.clickup.com/docs/authentication (from memory)
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const clickup: AppDef = {
  key: "clickup",
  name: "ClickUp",
  description: "Tasks, lists and spaces in ClickUp.",
  logo: monogram("CU", "#7B68EE"),
  categories: ["project-management", "productivity"],
  docsUrl: "https://developer.clickup.com/docs/authentication",
  apiBaseUrl: "https://api.clickup.com/api/v2",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://app.clickup.com/api",
      tokenUrl: "https://api.clickup.com/api/v2/oauth/token",
      scopeSeparator: " ",
      // ClickUp has no scopes: the user picks the workspaces on the consent screen.
      defaultScopes: [],
      noScopes: true,
      // PKCE off: ClickUp's flow documents no code_challenge.
      pkce: false,
      tokenAuthMethod: "client_secret_post",
    }),
  ],
  connectionFields: [],
  identity: {
    method: "GET",
    path: "/user",
    id: "user.id",
    login: "user.email",
    name: "user.username",
  },
};
