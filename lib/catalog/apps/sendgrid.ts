// Twilio SendGrid (API key).
// Checked against https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/authentication (from memory)
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { apiKey, BEARER } from "./shared";

export const sendgrid: AppDef = {
  key: "sendgrid",
  name: "SendGrid",
  description: "Transactional and marketing email through Twilio SendGrid.",
  logo: monogram("SG", "#1A82E2"),
  categories: ["email", "marketing"],
  docsUrl:
    "https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/authentication",
  apiBaseUrl: "https://api.sendgrid.com",
  authSchemes: [
    apiKey(BEARER, {
      description: "An API key (SG.…) created under Settings → API Keys.",
      pattern: "^SG\\.[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{32,64}$",
    }),
  ],
  connectionFields: [],
  // Lists the key's own scopes, so it works for any key, however restricted.
  check: { method: "GET", path: "/v3/scopes" },
  identity: { method: "GET", path: "/v3/user/username", id: "user_id", login: "username" },
};
