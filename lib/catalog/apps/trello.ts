// Trello (OAuth 1.0a).
// Checked against https://developer.atlassian.com/cloud/trello/guides/rest-api/authorization/
import type { AppDef } from "../types";
import { monogram } from "../logos";

export const trello: AppDef = {
  key: "trello",
  name: "Trello",
  description: "Boards, lists and cards in Trello.",
  logo: monogram("T", "#0079BF"),
  categories: ["project-management", "productivity"],
  docsUrl: "https://developer.atlassian.com/cloud/trello/guides/rest-api/authorization/",
  apiBaseUrl: "https://api.trello.com/1",
  authSchemes: [
    {
      mode: "OAUTH1",
      oauth1: {
        requestTokenUrl: "https://trello.com/1/OAuthGetRequestToken",
        authorizeUrl: "https://trello.com/1/OAuthAuthorizeToken",
        accessTokenUrl: "https://trello.com/1/OAuthGetAccessToken",
        signatureMethod: "HMAC-SHA1",
        // `name` is what the user sees on Trello's consent page.
        authorizeParams: { name: "Keyport", scope: "read,write", expiration: "never" },
      },
      fields: [],
    },
  ],
  connectionFields: [],
  identity: { method: "GET", path: "/members/me", id: "id", login: "username", name: "fullName" },
};
