// Small builders shared by the app definitions.
import type { AuthSchemeDef, CredentialPlacement, FieldDef, OAuth2Settings } from "../types";

/** One DNS label: the default pattern for per-connection template values (SECURITY.md 20). */
export const DNS_LABEL = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";

/** A host name of two or more DNS labels (self-hosted servers: Keycloak, Mastodon, Authentik). */
export const HOSTNAME =
  "^(?=.{4,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$";

export const BEARER: CredentialPlacement = {
  in: "header",
  name: "Authorization",
  prefix: "Bearer ",
};

export function oauth2(settings: OAuth2Settings): AuthSchemeDef {
  return { mode: "OAUTH2", oauth2: settings, fields: [] };
}

/** An API_KEY scheme with one secret `api_key` field. */
export function apiKey(
  placement: CredentialPlacement,
  key: { displayName?: string; description: string; pattern?: string },
): AuthSchemeDef {
  const field: FieldDef = {
    name: "api_key",
    displayName: key.displayName ?? "API key",
    description: key.description,
    required: true,
    secret: true,
    ...(key.pattern ? { pattern: key.pattern } : {}),
  };
  return { mode: "API_KEY", placement, fields: [field] };
}

/** A required, non-secret per-connection value such as a subdomain. */
export function connectionField(
  name: string,
  displayName: string,
  description: string,
  pattern: string = DNS_LABEL,
): FieldDef {
  return { name, displayName, description, required: true, secret: false, pattern };
}
