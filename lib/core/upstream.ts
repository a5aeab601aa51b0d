// Calls to an app's API with a connection's credentials — always through lib/egress.
import { egressFetch, type EgressPolicy, type EgressResponse } from "@/lib/egress";
import type { AppDef, AuthSchemeDef } from "@/lib/catalog/types";
import type { UpstreamIdentity } from "@/db/schema";
import { fillUrl } from "./apps";
import type { Deps } from "./deps";
import { AppError } from "./errors";
import type { SecretBag } from "./sealed";
import { signOAuth1 } from "./oauth1-sign";

const SANDBOX_APPS = new Set(["sandbox", "sandbox_key"]);

/** The egress policy for one app: loopback only for dev/test, or for the built-in sandbox. */
export function policyFor(
  deps: Pick<Deps, "allowLoopbackEgress" | "sandboxOrigin">,
  app: AppDef,
  extraHosts: string[] = [],
): EgressPolicy {
  const sandbox = SANDBOX_APPS.has(app.key) && Boolean(deps.sandboxOrigin);
  return {
    allowLoopback: deps.allowLoopbackEgress || sandbox,
    allowedHosts:
      app.allowedHosts && app.allowedHosts.length
        ? [...app.allowedHosts, ...extraHosts]
        : undefined,
    timeoutMs: 15_000,
  };
}

/** The API base URL of a connection: integration override, token-provided base, or the app's (templated). */
export function apiBaseFor(
  app: AppDef,
  connectionParams: Record<string, string>,
  overrideBase?: string | null,
): string {
  if (overrideBase) return overrideBase;
  if (connectionParams.api_base_url) return connectionParams.api_base_url;
  return fillUrl(app.apiBaseUrl, app, connectionParams);
}

export interface CredentialContext {
  scheme: AuthSchemeDef;
  secrets: SecretBag;
  /** OAuth 1 consumer credentials (from the integration). */
  consumer?: { key: string; secret: string };
}

/** Headers (and query parameters) carrying the credential for one request. */
export function attachCredentials(
  ctx: CredentialContext,
  method: string,
  url: URL,
  headers: Record<string, string>,
  body?: string,
): void {
  const { scheme, secrets } = ctx;
  switch (scheme.mode) {
    case "OAUTH2":
      if (secrets.access_token) headers.authorization = `Bearer ${secrets.access_token}`;
      return;
    case "OAUTH1":
      if (ctx.consumer && secrets.oauth_token && secrets.oauth_token_secret) {
        headers.authorization = signOAuth1({
          consumer: ctx.consumer,
          token: { key: secrets.oauth_token, secret: secrets.oauth_token_secret },
          method,
          url: url.toString(),
          form:
            body !== undefined &&
            headers["content-type"]?.startsWith("application/x-www-form-urlencoded")
              ? new URLSearchParams(body)
              : undefined,
        });
      }
      return;
    case "BASIC": {
      const [user, pass] = scheme.fields.map((f) => secrets[f.name] ?? "");
      headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
      return;
    }
    case "API_KEY":
    case "BEARER_TOKEN": {
      const field = scheme.fields.find((f) => f.secret) ?? scheme.fields[0];
      const value = field ? secrets[field.name] : undefined;
      if (!value) return;
      const placement = scheme.placement ?? {
        in: "header",
        name: "authorization",
        prefix: "Bearer ",
      };
      const full = `${placement.prefix ?? ""}${value}`;
      if (placement.in === "query") url.searchParams.set(placement.name, full);
      else headers[placement.name.toLowerCase()] = full;
      return;
    }
    case "NO_AUTH":
      return;
  }
}

/** One request to the app's API with the connection's credentials. */
export async function upstreamRequest(
  deps: Pick<Deps, "allowLoopbackEgress" | "sandboxOrigin">,
  input: {
    app: AppDef;
    base: string;
    url: URL;
    method: string;
    headers?: Record<string, string>;
    body?: string;
    credentials: CredentialContext;
  },
): Promise<EgressResponse> {
  const headers: Record<string, string> = {
    accept: "application/json",
    "user-agent": "Keyport",
    ...input.app.headers,
    ...input.headers,
  };
  attachCredentials(input.credentials, input.method, input.url, headers, input.body);
  const baseHost = new URL(input.base).hostname;
  return egressFetch(
    input.url,
    { method: input.method, headers, body: input.body },
    policyFor(deps, input.app, [baseHost]),
  );
}

function pick(obj: unknown, dotted: string | undefined): string | undefined {
  if (!dotted) return undefined;
  let cur: unknown = obj;
  for (const part of dotted.split(".")) {
    if (cur && typeof cur === "object") cur = (cur as Record<string, unknown>)[part];
    else return undefined;
  }
  return typeof cur === "string" || typeof cur === "number" ? String(cur) : undefined;
}

/** Ask the app who the credential belongs to; null when the app has no identity endpoint or the call fails. */
export async function fetchIdentity(
  deps: Pick<Deps, "allowLoopbackEgress" | "sandboxOrigin">,
  input: {
    app: AppDef;
    base: string;
    credentials: CredentialContext;
    params?: Record<string, string>;
  },
): Promise<UpstreamIdentity | null> {
  const spec = input.app.identity;
  if (!spec) return null;
  const path = fillUrl(spec.path, input.app, input.params ?? {});
  const url = new URL((spec.baseUrl ?? input.base).replace(/\/+$/, "") + path);
  const res = await upstreamRequest(deps, {
    ...input,
    url,
    method: spec.method,
    headers: spec.body ? { "content-type": "application/json" } : {},
    body: spec.body ? JSON.stringify(spec.body) : undefined,
  }).catch(() => null);
  if (!res || res.status >= 300) return null;
  const data = res.json();
  const id = pick(data, spec.id);
  if (!id) return null;
  return { id, login: pick(data, spec.login), name: pick(data, spec.name) };
}

/** Verify a typed credential with the app's check endpoint; throws a readable 400 when refused. */
export async function verifyCredentials(
  deps: Pick<Deps, "allowLoopbackEgress" | "sandboxOrigin">,
  input: { app: AppDef; base: string; credentials: CredentialContext },
): Promise<void> {
  const check = input.app.check;
  if (!check) return;
  const url = new URL(input.base.replace(/\/+$/, "") + check.path);
  const res = await upstreamRequest(deps, { ...input, url, method: check.method }).catch(
    (err: unknown) => {
      throw new AppError(
        "bad_request",
        `Could not reach ${input.app.name} to check the credential: ${(err as Error).message}`,
      );
    },
  );
  if (res.status === 401 || res.status === 403) {
    throw new AppError(
      "bad_request",
      `${input.app.name} refused the credential (HTTP ${res.status}); nothing was stored`,
    );
  }
  if (res.status >= 300) {
    throw new AppError(
      "bad_request",
      `${input.app.name} answered HTTP ${res.status} when checking the credential; nothing was stored`,
    );
  }
}
