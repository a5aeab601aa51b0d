// Bitbucket Cloud.
// Checked against https://developer.atlassian.com/cloud/bitbucket/oauth-2/
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { oauth2 } from "./shared";

export const bitbucket: AppDef = {
  key: "bitbucket",
  name: "Bitbucket",
  description: "Repositories, pull requests and pipelines on Bitbucket Cloud.",
  logo: monogram("BB", "#0052CC"),
  categories: ["developer-tools"],
  docsUrl: "https://developer.atlassian.com/cloud/bitbucket/oauth-2/",
  apiBaseUrl: "https://api.bitbucket.org/2.0",
  authSchemes: [
    oauth2({
      authorizeUrl: "https://bitbucket.org/site/oauth2/authorize",
      tokenUrl: "https://bitbucket.org/site/oauth2/access_token",
      scopeSeparator: " ",
      defaultScopes: ["account", "repository", "pullrequest"],
      // PKCE off: Bitbucket Cloud documents only the plain RFC 6749 grants, no code_challenge;
      // a challenge it does not check would protect nothing.
      pkce: false,
      tokenAuthMethod: "client_secret_basic", // the docs use `curl -u client_id:secret`
    }),
  ],
  connectionFields: [],
  identity: { method: "GET", path: "/user", id: "uuid", login: "username", name: "display_name" },
};
