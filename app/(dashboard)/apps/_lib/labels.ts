// Words for catalog values, shared by the apps and integrations pages.
import type { AuthScheme } from "@/lib/catalog/types";

export const schemeLabels: Record<AuthScheme, string> = {
  OAUTH2: "OAuth 2",
  OAUTH1: "OAuth 1.0a",
  API_KEY: "API key",
  BEARER_TOKEN: "Bearer token",
  BASIC: "Basic auth",
  NO_AUTH: "No auth",
};

/** A scheme as words; unknown values as they are. */
export const schemeLabel = (mode: string) => schemeLabels[mode as AuthScheme] ?? mode;

/** "developer-tools" → "Developer tools". */
export const categoryLabel = (c: string) =>
  (c.charAt(0).toUpperCase() + c.slice(1)).replace(/-/g, " ");
