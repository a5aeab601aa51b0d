// OpenAI (API key).
// Checked against https://platform.openai.com/docs/api-reference/authentication (from memory)
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { apiKey, BEARER } from "./shared";

export const openai: AppDef = {
  key: "openai",
  name: "OpenAI",
  description: "Models, responses, embeddings and files on the OpenAI API.",
  logo: monogram("AI", "#412991"),
  categories: ["ai"],
  docsUrl: "https://platform.openai.com/docs/api-reference/authentication",
  apiBaseUrl: "https://api.openai.com",
  authSchemes: [
    apiKey(BEARER, {
      description: "A project or user API key (sk-…) from the OpenAI platform.",
      pattern: "^sk-[A-Za-z0-9_-]{20,}$",
    }),
  ],
  connectionFields: [],
  // OpenAI has no documented "who am I" call for API keys.
  check: { method: "GET", path: "/v1/models" },
};
