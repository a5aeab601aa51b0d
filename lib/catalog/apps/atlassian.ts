// Jira and Confluence Cloud through Atlassian OAuth 2.0 (3LO).
// Checked against https://developer.atlassian.com/cloud/oauth/getting-started/implementing-oauth-3lo
// and https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/
import type { AppDef, AuthSchemeDef } from "../types";
import { monogram } from "../logos";

function atlassianOAuth(defaultScopes: string[]): AuthSchemeDef {
  return {
    mode: "OAUTH2",
    oauth2: {
      authorizeUrl: "https://auth.atlassian.com/authorize",
      tokenUrl: "https://auth.atlassian.com/oauth/token",
      // Atlassian documents no token revocation endpoint; users remove apps from their profile.
      scopeSeparator: " ",
      defaultScopes,
      // PKCE off: 3LO documents no code_challenge/code_verifier (authorization code + secret only).
      pkce: false,
      tokenAuthMethod: "client_secret_post",
      authorizeParams: { audience: "api.atlassian.com", prompt: "consent" },
    },
    fields: [],
  };
}

// API calls go to https://api.atlassian.com/ex/{jira|confluence}/{cloudId}/…; the cloud id of each
// site the user granted comes from GET /oauth/token/accessible-resources on the same host.
const API_BASE = "https://api.atlassian.com";
const identity = {
  method: "GET",
  path: "/me",
  id: "account_id",
  login: "email",
  name: "name",
} as const;

export const jira: AppDef = {
  key: "jira",
  name: "Jira",
  description: "Issues, projects and boards in Jira Cloud.",
  logo: monogram("J", "#0052CC"),
  categories: ["project-management", "developer-tools"],
  docsUrl: "https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/",
  apiBaseUrl: API_BASE,
  authSchemes: [
    atlassianOAuth([
      "read:jira-work",
      "write:jira-work",
      "read:jira-user",
      "read:me",
      "offline_access",
    ]),
  ],
  connectionFields: [],
  identity,
};

export const confluence: AppDef = {
  key: "confluence",
  name: "Confluence",
  description: "Spaces and pages in Confluence Cloud.",
  logo: monogram("C", "#172B4D"),
  categories: ["documents", "productivity"],
  docsUrl: "https://developer.atlassian.com/cloud/confluence/oauth-2-3lo-apps/",
  apiBaseUrl: API_BASE,
  authSchemes: [
    atlassianOAuth([
      "read:confluence-content.all",
      "write:confluence-content",
      "read:confluence-space.summary",
      "search:confluence",
      "read:me",
      "offline_access",
    ]),
  ],
  connectionFields: [],
  identity,
};
