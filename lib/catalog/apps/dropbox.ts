// Dropbox.
// Checked against https://developers.dropbox.com/oauth-guide
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const dropbox: AppDef = {
  key: "dropbox",
  name: "Dropbox",
  description: "Files and folders in Dropbox.",
  logo: monogram("D", "#0061FF"),
  categories: ["storage"],
  docsUrl: "https://developers.dropbox.com/oauth-guide",
  apiBaseUrl: "https://api.dropboxapi.com/2",
  // File content endpoints (upload/download) live on content.dropboxapi.com.
  allowedHosts: ["api.dropboxapi.com", "content.dropboxapi.com"],
  authSchemes: [
    oauth2({
      authorizeUrl: "https://www.dropbox.com/oauth2/authorize",
      tokenUrl: "https://api.dropboxapi.com/oauth2/token",
      // No RFC 7009 endpoint: POST /2/auth/token/revoke authenticates with the token itself.
      scopeSeparator: " ",
      defaultScopes: ["account_info.read", "files.metadata.read", "files.content.read"],
      pkce: true,
      tokenAuthMethod: "client_secret_post",
      authorizeParams: { token_access_type: "offline" },
    }),
  ],
  connectionFields: [],
  // Dropbox RPC endpoints are POSTs; this one takes a JSON `null` body.
  identity: {
    method: "POST",
    path: "/users/get_current_account",
    body: null,
    id: "account_id",
    login: "email",
    name: "name.display_name",
  },
};
