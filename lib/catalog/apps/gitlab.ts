// GitLab.com (self-managed instances override the URLs at integration level).
// Checked against https://docs.gitlab.com/api/oauth2/ (from memory where not shown there).
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const gitlab: AppDef = {
  key: "gitlab",
  name: "GitLab",
  description: "Projects, merge requests, issues and pipelines on GitLab.",
  logo: monogram("GL", "#FC6D26"),
  categories: ["developer-tools"],
  docsUrl: "https://docs.gitlab.com/api/oauth2/",
  apiBaseUrl: "https://gitlab.com/api/v4",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://gitlab.com/oauth/authorize",
      tokenUrl: "https://gitlab.com/oauth/token",
      revokeUrl: "https://gitlab.com/oauth/revoke",
      scopeSeparator: " ",
      defaultScopes: ["read_user", "api"],
      pkce: true,
      tokenAuthMethod: "client_secret_post",
    }),
  ],
  connectionFields: [],
  identity: { method: "GET", path: "/user", id: "id", login: "username", name: "name" },
  selfHostable: true,
};
