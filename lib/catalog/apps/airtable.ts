// Airtable.
// Checked against https://airtable.com/developers/web/api/oauth-reference
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const airtable: AppDef = {
  key: "airtable",
  name: "Airtable",
  description: "Bases, tables and records in Airtable.",
  logo: monogram("A", "#2D7FF9"),
  categories: ["productivity", "database"],
  docsUrl: "https://airtable.com/developers/web/api/oauth-reference",
  apiBaseUrl: "https://api.airtable.com/v0",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://airtable.com/oauth2/v1/authorize",
      tokenUrl: "https://airtable.com/oauth2/v1/token",
      scopeSeparator: " ",
      defaultScopes: [
        "data.records:read",
        "data.records:write",
        "schema.bases:read",
        "user.email:read",
      ],
      pkce: true, // required by Airtable
      tokenAuthMethod: "client_secret_basic",
    }),
  ],
  connectionFields: [],
  identity: { method: "GET", path: "/meta/whoami", id: "id", login: "email" },
};
