// Words for catalog values: the dashboard's pages and the API's toolkit objects.
import type { AuthScheme } from "./types";

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

const categoryNames: Record<string, string> = {
  ai: "AI",
  crm: "CRM",
  "e-commerce": "E-commerce",
  "developer-tools": "Developer tools",
  "project-management": "Project management",
};

/** A category's display name: "crm" → "CRM", "developer-tools" → "Developer tools". */
export const categoryLabel = (c: string) =>
  categoryNames[c] ?? (c.charAt(0).toUpperCase() + c.slice(1)).replace(/-/g, " ");
