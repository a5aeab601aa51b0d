// The shape of one app in Keyport's catalog. Written by us, typed, no third-party catalog.

export type AuthScheme = "OAUTH2" | "OAUTH1" | "API_KEY" | "BEARER_TOKEN" | "BASIC" | "NO_AUTH";

/** A value the end user (or the API caller) supplies for one connection. */
export interface FieldDef {
  name: string; // e.g. "api_key", "subdomain", "shop"
  displayName: string;
  description: string;
  required: boolean;
  secret: boolean; // secret fields are encrypted and never shown again
  /** Strict pattern (anchored regex source) the value must match, e.g. one DNS label. */
  pattern?: string;
  default?: string;
}

export interface OAuth2Settings {
  authorizeUrl: string; // may contain {field} templates, e.g. https://{subdomain}.zendesk.com/oauth/authorizations/new
  tokenUrl: string;
  revokeUrl?: string;
  scopeSeparator: " " | ",";
  defaultScopes: string[];
  /** PKCE S256 is sent unless a provider is known to reject it (SECURITY.md 1). */
  pkce: boolean;
  /** How the client authenticates at the token endpoint. */
  tokenAuthMethod: "client_secret_basic" | "client_secret_post";
  /** Extra fixed query parameters on the authorize URL (e.g. Google's access_type=offline). */
  authorizeParams?: Record<string, string>;
  /**
   * Parameters that make the provider show the end user its consent page (account and app) on
   * every connect, never reusing an earlier approval silently. Default `prompt=consent`.
   */
  reconsentParams?: Record<string, string>;
  /** Slack-style: request user scopes under this parameter name instead of `scope`. */
  userScopeParam?: string;
  /** Field of the token response holding the API base URL (Salesforce: instance_url). */
  apiBaseUrlFromTokenField?: string;
  /**
   * The provider has no scope parameter: permissions are fixed in the provider's app settings
   * (Notion, ClickUp, Intercom). Send no `scope`; `defaultScopes` is then empty.
   */
  noScopes?: boolean;
  /**
   * Issuer that publishes RFC 8414 / OIDC discovery: endpoints are read from it, and its
   * RFC 9207 `iss` support is honoured (the sandbox).
   */
  issuer?: string;
}

export interface OAuth1Settings {
  requestTokenUrl: string;
  authorizeUrl: string;
  accessTokenUrl: string;
  signatureMethod: "HMAC-SHA1";
  /** Extra fixed query parameters on the authorize URL (Trello: name, scope, expiration). */
  authorizeParams?: Record<string, string>;
}

/** Where a credential goes on an outgoing request. */
export interface CredentialPlacement {
  in: "header" | "query";
  name: string; // header or query parameter name
  /** Prefix before the value, e.g. "Bearer " or "Token token=". */
  prefix?: string;
}

export interface AuthSchemeDef {
  mode: AuthScheme;
  oauth2?: OAuth2Settings;
  oauth1?: OAuth1Settings;
  /** API_KEY / BEARER_TOKEN: where the key goes. BASIC uses Authorization: Basic. */
  placement?: CredentialPlacement;
  /** Credential fields for API_KEY / BEARER_TOKEN / BASIC (e.g. api_key; username + password). */
  fields: FieldDef[];
}

/** The request that identifies the upstream account, and where to read id/login/name. */
export interface IdentityEndpoint {
  method: "GET" | "POST";
  /** May contain {field} templates (Twilio: /Accounts/{account_sid}.json); fill with fillTemplate. */
  path: string; // relative to the API base
  /**
   * Absolute base for this one call when the account endpoint lives on another host of the same
   * provider (Google Sheets → openidconnect.googleapis.com). Must be listed in `allowedHosts`.
   */
  baseUrl?: string;
  body?: unknown;
  /** Dotted paths into the JSON response, e.g. "login", "data.viewer.id". */
  id: string;
  login?: string;
  name?: string;
}

export interface AppDef {
  key: string; // lower-case, e.g. "github"
  name: string; // "GitHub"
  description: string;
  /** Logo as an https URL of the provider's own asset, or a data: URL. */
  logo: string;
  categories: string[];
  docsUrl: string;
  /** Base of API calls; may contain {field} templates filled from connectionFields. */
  apiBaseUrl: string;
  /** Hosts credentials may be sent to (after templates are filled); defaults to the API base host. */
  allowedHosts?: string[];
  authSchemes: AuthSchemeDef[];
  /** Per-connection, non-secret values such as subdomain or shop, validated by pattern. */
  connectionFields: FieldDef[];
  identity?: IdentityEndpoint;
  /** For credential schemes: a cheap call that proves the credential works. */
  check?: { method: "GET" | "POST"; path: string };
  /** The cheap read action support staff run to check a connection ("who am I" at the provider). */
  testAction?: string;
  /** Integration-level URL overrides allowed (self-hosted GitLab, GitHub Enterprise). */
  selfHostable?: boolean;
  /** Fixed, non-secret headers sent on every API call (Notion requires `Notion-Version`). */
  headers?: Record<string, string>;
}
