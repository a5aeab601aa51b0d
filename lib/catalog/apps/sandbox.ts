// The built-in sandbox: an oidc-provider authorization server plus a small notes API, served at a
// runtime origin (dev, tests). Keyport may also read its discovery document at
// `${origin}/.well-known/openid-configuration`; these constants match what oidc-provider serves.
import type { AppDef, IdentityEndpoint } from "../types";
import { monogram } from "../logos";

const identity: IdentityEndpoint = {
  method: "GET",
  path: "/api/me",
  id: "id",
  login: "username",
  name: "name",
};

/** The sandbox apps for a sandbox served at `origin` (e.g. http://127.0.0.1:4010). */
export function sandboxApps(origin: string): AppDef[] {
  const base = new URL(origin).origin; // drops any path or trailing slash; throws if not a URL
  // A function, so the two apps share no mutable arrays.
  const common = () => ({
    categories: ["developer-tools"],
    docsUrl: `${base}/api/openapi.json`,
    apiBaseUrl: base,
    connectionFields: [],
    identity,
  });
  const sandbox: AppDef = {
    ...common(),
    key: "sandbox",
    name: "Sandbox",
    description:
      "Keyport's built-in OAuth provider and notes API, for trying the whole flow offline.",
    logo: monogram("SB", "#334155"),
    authSchemes: [
      {
        mode: "OAUTH2",
        oauth2: {
          authorizeUrl: `${base}/auth`,
          tokenUrl: `${base}/token`,
          revokeUrl: `${base}/token/revocation`,
          scopeSeparator: " ",
          defaultScopes: ["notes:read", "notes:write"],
          pkce: true, // the sandbox requires it (SECURITY.md 1)
          tokenAuthMethod: "client_secret_basic",
          // Endpoints and RFC 9207 `iss` support are read from its discovery document.
          issuer: base,
        },
        fields: [],
      },
    ],
    testAction: "SANDBOX_GET_THE_AUTHENTICATED_USER",
  };
  const sandboxKey: AppDef = {
    ...common(),
    key: "sandbox_key",
    name: "Sandbox (API key)",
    description: "The sandbox notes API with an API key instead of OAuth.",
    logo: monogram("SK", "#475569"),
    authSchemes: [
      {
        mode: "API_KEY",
        placement: { in: "header", name: "x-api-key" },
        fields: [
          {
            name: "api_key",
            displayName: "API key",
            description: "A sandbox API key.",
            required: true,
            secret: true,
          },
        ],
      },
    ],
    check: { method: "GET", path: "/api/me" },
    testAction: "SANDBOX_KEY_GET_THE_AUTHENTICATED_USER",
  };
  return [sandbox, sandboxKey];
}
