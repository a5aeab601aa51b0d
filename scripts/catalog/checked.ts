// Facts about grant's providers checked against each provider's current documentation (issue 15:
// "the 50 most-used apps are checked against their current docs"). The docs URL is recorded as the
// app's docsUrl and provenance.checkedAgainst. What is listed here wins over grant's data;
// everything else comes from grant as it is. Only what the page read supports is listed: where the
// stored copy of a page was silent on a fact, grant's value stays. scripts/catalog/CHECKED.md has
// the review table (app, page, what was corrected).

export interface CheckedFacts {
  /** The provider page the facts were checked against. */
  docsUrl: string;
  /** grant lists an OAuth 1.0a flow the provider has retired: build an OAuth 2 app instead. */
  oauth2?: true;
  authorizeUrl?: string;
  tokenUrl?: string;
  scopeSeparator?: " " | ",";
  defaultScopes?: string[];
  /** No scope parameter at all (permissions are fixed in the provider's app settings). */
  noScopes?: true;
  pkce?: boolean;
  tokenAuthMethod?: "client_secret_basic" | "client_secret_post";
  authorizeParams?: Record<string, string>;
  /** The provider's own "show the consent page again" parameter instead of prompt=consent. */
  reconsentParams?: Record<string, string>;
  /** Absolute URL of the "who am I" endpoint; its origin becomes the app's API base. */
  profileUrl?: string;
  /** Dotted paths of the account id (and login, name) in the profile response. */
  identityId?: string;
  identityLogin?: string;
  identityName?: string;
}

/** Keyed by grant's provider key. */
export const CHECKED: Record<string, CheckedFacts> = {
  basecamp: {
    docsUrl: "https://github.com/basecamp/bc3-api/blob/master/sections/authentication.md",
    noScopes: true,
    identityId: "identity.id",
    identityLogin: "identity.email_address",
    identityName: "identity.first_name",
  },
  constantcontact: {
    docsUrl: "https://developer.constantcontact.com/api_guide/server_flow.html",
    authorizeUrl: "https://authz.constantcontact.com/oauth2/default/v1/authorize",
    tokenUrl: "https://authz.constantcontact.com/oauth2/default/v1/token",
    scopeSeparator: " ",
    defaultScopes: ["account_read", "offline_access"],
    tokenAuthMethod: "client_secret_basic",
    profileUrl: "https://api.cc.email/v3/account/summary",
    identityId: "encoded_account_id",
    identityLogin: "contact_email",
    identityName: "organization_name",
  },
  docusign: {
    docsUrl: "https://developers.docusign.com/platform/auth/confidential-authcode-get-token",
    scopeSeparator: " ",
    defaultScopes: ["signature"],
    identityId: "sub",
    identityLogin: "email",
    identityName: "name",
  },
  facebook: {
    docsUrl:
      "https://developers.facebook.com/documentation/facebook-login/guides/advanced/manual-flow",
    identityName: "name",
  },
  instagram: {
    docsUrl:
      "https://developers.facebook.com/documentation/instagram-platform/instagram-api-with-instagram-login/business-login",
    defaultScopes: ["instagram_business_basic"],
  },
  intuit: {
    docsUrl:
      "https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0",
    defaultScopes: ["com.intuit.quickbooks.accounting"],
  },
  linkedin: {
    docsUrl:
      "https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2",
    defaultScopes: ["openid", "profile", "email"],
    profileUrl: "https://api.linkedin.com/v2/userinfo",
    identityId: "sub",
    identityLogin: "email",
    identityName: "name",
  },
  mailchimp: {
    docsUrl: "https://mailchimp.com/developer/marketing/guides/access-user-data-oauth-2/",
    noScopes: true,
  },
  paypal: {
    docsUrl: "https://developer.paypal.com/log-in/build",
    authorizeUrl: "https://www.paypal.com/signin/authorize",
    tokenUrl: "https://api-m.paypal.com/v1/oauth2/token",
    defaultScopes: ["openid"],
    tokenAuthMethod: "client_secret_basic",
    authorizeParams: { flowEntry: "static" },
    profileUrl: "https://api-m.paypal.com/v1/identity/oauth2/userinfo?schema=paypalv1.1",
    identityId: "user_id",
  },
  pinterest: {
    docsUrl:
      "https://developers.pinterest.com/docs/getting-started/set-up-authentication-and-authorization/",
    authorizeUrl: "https://www.pinterest.com/oauth/",
    tokenUrl: "https://api.pinterest.com/v5/oauth/token",
    defaultScopes: ["user_accounts:read"],
    tokenAuthMethod: "client_secret_basic",
    profileUrl: "https://api.pinterest.com/v5/user_account",
    identityId: "username",
    identityLogin: "username",
  },
  reddit: {
    docsUrl: "https://github.com/reddit-archive/reddit/wiki/OAuth2",
    authorizeUrl: "https://www.reddit.com/api/v1/authorize",
    tokenUrl: "https://www.reddit.com/api/v1/access_token",
    defaultScopes: ["identity"],
    authorizeParams: { duration: "permanent" },
  },
  spotify: {
    docsUrl: "https://developer.spotify.com/documentation/web-api/tutorials/code-flow",
    reconsentParams: { show_dialog: "true" },
    identityName: "display_name",
  },
  strava: {
    docsUrl: "https://developers.strava.com/docs/getting-started/",
    defaultScopes: ["read"],
    reconsentParams: { approval_prompt: "force" },
  },
  twitch: {
    docsUrl: "https://dev.twitch.tv/docs/authentication/getting-tokens-oauth/",
    reconsentParams: { force_verify: "true" },
    identityId: "data.0.id",
    identityLogin: "data.0.login",
  },
  twitter2: {
    docsUrl: "https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token",
    tokenUrl: "https://api.x.com/2/oauth2/token",
    defaultScopes: ["tweet.read", "users.read", "offline.access"],
    tokenAuthMethod: "client_secret_basic",
    profileUrl: "https://api.x.com/2/users/me",
    identityId: "data.id",
    identityLogin: "data.username",
    identityName: "data.name",
  },
  xero: {
    docsUrl: "https://developer.xero.com/documentation/oauth2/auth-flow",
    oauth2: true,
    authorizeUrl: "https://login.xero.com/identity/connect/authorize",
    tokenUrl: "https://identity.xero.com/connect/token",
    scopeSeparator: " ",
    defaultScopes: ["openid", "profile", "email", "offline_access"],
    profileUrl: "https://api.xero.com/connections",
    identityId: "0.tenantId",
  },
};

/**
 * The catalog's 50 most-used apps (issue 15), every one checked against its provider's current
 * docs: the hand-checked apps of lib/catalog/apps (provenance "provider docs") and the grant-derived
 * apps listed in CHECKED above (catalog keys, which equal grant's keys for these).
 */
export const MOST_USED: readonly string[] = [
  // hand-checked (lib/catalog/apps)
  "github",
  "gitlab",
  "bitbucket",
  "gmail",
  "googlecalendar",
  "googledrive",
  "googlesheets",
  "slack",
  "notion",
  "linear",
  "jira",
  "confluence",
  "asana",
  "trello",
  "hubspot",
  "salesforce",
  "zendesk",
  "shopify",
  "outlook",
  "teams",
  "dropbox",
  "box",
  "discord",
  "figma",
  "airtable",
  "zoom",
  "calendly",
  "todoist",
  "clickup",
  "intercom",
  "stripe",
  "openai",
  "sendgrid",
  "twilio",
  // grant-derived, checked here
  "facebook",
  "instagram",
  "linkedin",
  "twitter2",
  "spotify",
  "paypal",
  "intuit",
  "xero",
  "mailchimp",
  "docusign",
  "reddit",
  "twitch",
  "pinterest",
  "strava",
  "constantcontact",
  "basecamp",
];
