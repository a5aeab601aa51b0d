// Calendly (API v2, scopes introduced March 2026).
// Checked against https://developer.calendly.com/docs/authentication/creating-an-oauth-app
// and https://developer.calendly.com/docs/authentication/scopes
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const calendly: AppDef = {
  key: "calendly",
  name: "Calendly",
  description: "Event types, scheduled events and invitees in Calendly.",
  logo: monogram("C", "#006BFF"),
  categories: ["calendar", "productivity"],
  docsUrl: "https://developer.calendly.com/docs/authentication/creating-an-oauth-app",
  apiBaseUrl: "https://api.calendly.com",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://auth.calendly.com/oauth/authorize",
      tokenUrl: "https://auth.calendly.com/oauth/token",
      revokeUrl: "https://auth.calendly.com/oauth/revoke",
      scopeSeparator: " ",
      // New Calendly apps get no API access until scopes are requested.
      defaultScopes: ["users:read", "event_types:read", "scheduled_events:read"],
      pkce: true, // recommended by Calendly for every app
      tokenAuthMethod: "client_secret_post",
    }),
  ],
  connectionFields: [],
  identity: {
    method: "GET",
    path: "/users/me",
    id: "resource.uri",
    login: "resource.email",
    name: "resource.name",
  },
};
