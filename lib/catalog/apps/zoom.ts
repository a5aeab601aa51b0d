// Zoom (user-managed OAuth app).
// Checked against https://developers.zoom.us/docs/integrations/oauth/
// and https://developers.zoom.us/docs/integrations/PKCE/
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const zoom: AppDef = {
  key: "zoom",
  name: "Zoom",
  description: "Meetings, recordings and users in Zoom.",
  logo: monogram("Z", "#0B5CFF"),
  categories: ["communication", "video"],
  docsUrl: "https://developers.zoom.us/docs/integrations/oauth/",
  apiBaseUrl: "https://api.zoom.us/v2",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://zoom.us/oauth/authorize",
      tokenUrl: "https://zoom.us/oauth/token",
      revokeUrl: "https://zoom.us/oauth/revoke",
      scopeSeparator: " ",
      // Granular scopes; they must also be enabled on the app in the Zoom Marketplace.
      defaultScopes: ["user:read:user", "meeting:read:list_meetings", "meeting:write:meeting"],
      pkce: true,
      tokenAuthMethod: "client_secret_basic",
    }),
  ],
  connectionFields: [],
  identity: { method: "GET", path: "/users/me", id: "id", login: "email", name: "display_name" },
};
