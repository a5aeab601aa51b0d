// Map auth-config credentials (Composio's field names) to integration input.
import type { IntegrationInput } from "@/lib/core/integrations";

type Creds = Record<string, string | string[]> | undefined;

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(",") : v);

/** Scopes given as a list or as a comma/space separated string. */
export function scopesOf(v: string | string[] | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const list = Array.isArray(v) ? v : v.split(/[\s,]+/);
  return list.map((s) => s.trim()).filter(Boolean);
}

/** client_id / client_secret / scopes / URL overrides from a credentials object. */
export function integrationInputOf(
  credentials: Creds,
  scopes?: string | string[],
): IntegrationInput {
  const c = credentials ?? {};
  const input: IntegrationInput = {};
  const clientId = str(c.client_id ?? c.clientId ?? c.consumer_key);
  const clientSecret = str(c.client_secret ?? c.clientSecret ?? c.consumer_secret);
  if (clientId !== undefined) input.clientId = clientId;
  if (clientSecret) input.clientSecret = clientSecret;
  const s = scopesOf(scopes ?? c.scopes);
  if (s) input.scopes = s;
  const authorizeUrl = str(c.authorize_url ?? c.authorization_url);
  const tokenUrl = str(c.token_url);
  const apiBaseUrl = str(c.api_base_url ?? c.base_url);
  if (authorizeUrl) input.authorizeUrl = authorizeUrl;
  if (tokenUrl) input.tokenUrl = tokenUrl;
  if (apiBaseUrl) input.apiBaseUrl = apiBaseUrl;
  return input;
}
