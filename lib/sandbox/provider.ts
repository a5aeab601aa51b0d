import { generateKeyPair, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import type Provider from "oidc-provider";
import type { Configuration, JWK, KoaContextWithOIDC } from "oidc-provider";
import { escapeHtml } from "./http";
import type { SandboxStore } from "./store";

export const API_SCOPES = ["notes:read", "notes:write"] as const;
const DAY = 24 * 60 * 60;

export interface ProviderOptions {
  issuer: string;
  accessTtlSeconds: number;
  clients: Array<{ clientId: string; clientSecret: string; redirectUris: string[] }>;
  store: SandboxStore;
  /** Where browsers reach the authorization endpoint, when not at the issuer (see SandboxOptions). */
  browserBase?: string;
}

type ProviderModule = typeof import("oidc-provider");

/** The resource indicator (and token audience) of the sandbox API. */
export function apiResource(issuer: string): string {
  return `${issuer}/api`;
}

/** Builds a strictly configured oidc-provider for the sandbox issuer. */
export async function createProvider(opts: ProviderOptions): Promise<Provider> {
  const oidc = await importProvider();
  const provider = new oidc.Provider(opts.issuer, await configuration(opts, oidc));
  // Reverse proxies are not expected: the sandbox listens on 127.0.0.1 only.
  provider.proxy = false;
  const browserBase = opts.browserBase;
  if (browserBase) {
    // Clients read the authorization endpoint from discovery and send browsers there; every
    // other endpoint (token, revocation, the API) stays at the issuer for server-to-server calls.
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.path === "/.well-known/openid-configuration" && ctx.body) {
        (ctx.body as Record<string, unknown>).authorization_endpoint = `${browserBase}/auth`;
      }
    });
  }
  return provider;
}

// oidc-provider warns "Unsupported runtime" on Node 20 when its module is first evaluated;
// it works fine there, so that one line is dropped.
async function importProvider(): Promise<ProviderModule> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].includes("Unsupported runtime")) return;
    warn(...args);
  };
  try {
    return await import("oidc-provider");
  } finally {
    console.warn = warn;
  }
}

async function signingKeys(): Promise<JWK[]> {
  const { privateKey } = await promisify(generateKeyPair)("rsa", { modulusLength: 2048 });
  return [{ ...(privateKey.export({ format: "jwk" }) as JWK), kid: "sandbox-rs256", use: "sig" }];
}

async function configuration(opts: ProviderOptions, oidc: ProviderModule): Promise<Configuration> {
  const resource = apiResource(opts.issuer);
  return {
    adapter: opts.store.adapterFor,
    clients: opts.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      client_name: c.clientId,
      redirect_uris: c.redirectUris,
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    clientAuthMethods: ["client_secret_basic", "client_secret_post"],
    responseTypes: ["code"],
    allowOmittingSingleRegisteredRedirectUri: false,
    scopes: ["openid", "offline_access", ...API_SCOPES],
    claims: { openid: ["sub"], profile: ["name", "preferred_username"] },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, name: sub, preferred_username: sub }),
    }),
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    jwks: { keys: await signingKeys() },
    pkce: { required: () => true },
    rotateRefreshToken: true,
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    clientBasedCORS: () => false,
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true, allowedPolicy: ownTokenOnly },
      introspection: { enabled: true, allowedPolicy: ownTokenOnly },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resource) throw new oidc.errors.InvalidTarget();
          return {
            scope: API_SCOPES.join(" "),
            audience: resource,
            accessTokenFormat: "opaque",
            accessTokenTTL: opts.accessTtlSeconds,
          };
        },
      },
    },
    ttl: {
      AccessToken: opts.accessTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 14 * DAY,
      Interaction: 600,
      Session: DAY,
      Grant: 14 * DAY,
    },
    renderError,
  };
}

// A client may only introspect or revoke tokens issued to itself.
function ownTokenOnly(
  ctx: KoaContextWithOIDC,
  client: { clientId: string },
  token: { clientId?: string },
) {
  return Promise.resolve(token.clientId === client.clientId);
}

function renderError(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }) {
  ctx.type = "html";
  ctx.set("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'");
  ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox error</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}</style></head>
<body><main><h1>Something went wrong</h1><p><strong>${escapeHtml(out.error)}</strong></p>
<p>${escapeHtml(out.error_description ?? "")}</p></main></body></html>`;
}
