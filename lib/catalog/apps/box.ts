// Box.
// Checked against https://developer.box.com/guides/authentication/oauth2/
// and https://developer.box.com/reference/get-authorize
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const box: AppDef = {
  key: "box",
  name: "Box",
  description: "Files, folders and collaborations in Box.",
  logo: monogram("B", "#0061D5"),
  categories: ["storage", "documents"],
  docsUrl: "https://developer.box.com/guides/authentication/oauth2/",
  apiBaseUrl: "https://api.box.com/2.0",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://account.box.com/api/oauth2/authorize",
      tokenUrl: "https://api.box.com/oauth2/token",
      revokeUrl: "https://api.box.com/oauth2/revoke",
      scopeSeparator: " ",
      // Optional at Box (defaults to the app's configured scopes); listed to keep the request explicit.
      defaultScopes: ["root_readwrite"],
      // PKCE off: Box's authorize and token references define no code_challenge/code_verifier.
      pkce: false,
      tokenAuthMethod: "client_secret_post",
    }),
  ],
  connectionFields: [],
  identity: { method: "GET", path: "/users/me", id: "id", login: "login", name: "name" },
};
