// Google Workspace apps sharing one Google OAuth client configuration.
// Checked against https://developers.google.com/identity/protocols/oauth2/web-server
import type { AppDef, AuthSchemeDef, OAuth2Settings } from "../types";
import { monogram } from "../logos";

/** The Google OAuth settings every Google app shares; only the scopes differ. */
export const GOOGLE_OAUTH: Omit<OAuth2Settings, "defaultScopes"> = {
  authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth",
  tokenUrl: "https://oauth2.googleapis.com/token",
  revokeUrl: "https://oauth2.googleapis.com/revoke",
  scopeSeparator: " ",
  pkce: true,
  tokenAuthMethod: "client_secret_post",
  // offline → a refresh token; consent → a refresh token again on reconnect.
  authorizeParams: { access_type: "offline", prompt: "consent" },
};

function googleOAuth(defaultScopes: string[]): AuthSchemeDef {
  return { mode: "OAUTH2", oauth2: { ...GOOGLE_OAUTH, defaultScopes }, fields: [] };
}

const DOCS = "https://developers.google.com/identity/protocols/oauth2/web-server";

export const gmail: AppDef = {
  key: "gmail",
  name: "Gmail",
  description: "Read, send and organise email in Gmail.",
  logo: monogram("GM", "#EA4335"),
  categories: ["email", "communication"],
  docsUrl: DOCS,
  apiBaseUrl: "https://gmail.googleapis.com/gmail/v1",
  authSchemes: [googleOAuth(["https://www.googleapis.com/auth/gmail.modify"])],
  connectionFields: [],
  identity: { method: "GET", path: "/users/me/profile", id: "emailAddress", login: "emailAddress" },
};

export const googlecalendar: AppDef = {
  key: "googlecalendar",
  name: "Google Calendar",
  description: "Calendars and events in Google Calendar.",
  logo: monogram("GC", "#4285F4"),
  categories: ["calendar", "productivity"],
  docsUrl: DOCS,
  apiBaseUrl: "https://www.googleapis.com/calendar/v3",
  authSchemes: [
    googleOAuth([
      "https://www.googleapis.com/auth/calendar.readonly",
      "https://www.googleapis.com/auth/calendar.events",
    ]),
  ],
  connectionFields: [],
  // The primary calendar's id is the account's email address.
  identity: { method: "GET", path: "/calendars/primary", id: "id", login: "id", name: "summary" },
};

export const googledrive: AppDef = {
  key: "googledrive",
  name: "Google Drive",
  description: "Files and folders in Google Drive.",
  logo: monogram("GD", "#1FA463"),
  categories: ["storage", "documents"],
  docsUrl: DOCS,
  apiBaseUrl: "https://www.googleapis.com/drive/v3",
  authSchemes: [googleOAuth(["https://www.googleapis.com/auth/drive.file"])],
  connectionFields: [],
  identity: {
    method: "GET",
    path: "/about?fields=user",
    id: "user.permissionId",
    login: "user.emailAddress",
    name: "user.displayName",
  },
};

export const googlesheets: AppDef = {
  key: "googlesheets",
  name: "Google Sheets",
  description: "Spreadsheets, values and formatting in Google Sheets.",
  logo: monogram("GS", "#0F9D58"),
  categories: ["documents", "productivity"],
  docsUrl: DOCS,
  apiBaseUrl: "https://sheets.googleapis.com/v4",
  // The Sheets API has no "who am I" call, so identity uses OpenID userinfo (openid + email).
  allowedHosts: ["sheets.googleapis.com", "openidconnect.googleapis.com"],
  authSchemes: [googleOAuth(["https://www.googleapis.com/auth/spreadsheets", "openid", "email"])],
  connectionFields: [],
  identity: {
    method: "GET",
    baseUrl: "https://openidconnect.googleapis.com",
    path: "/v1/userinfo",
    id: "sub",
    login: "email",
  },
};

export const googleApps: AppDef[] = [gmail, googlecalendar, googledrive, googlesheets];
