// Twilio (HTTP Basic with the Account SID and Auth Token).
// Checked against https://www.twilio.com/docs/usage/requests-to-twilio (from memory)
import type { AppDef } from "../types";
import { monogram } from "../logos";

export const twilio: AppDef = {
  key: "twilio",
  name: "Twilio",
  description: "SMS, voice calls and phone numbers on Twilio.",
  logo: monogram("T", "#F22F46"),
  categories: ["communication"],
  docsUrl: "https://www.twilio.com/docs/usage/requests-to-twilio",
  apiBaseUrl: "https://api.twilio.com/2010-04-01",
  authSchemes: [
    {
      mode: "BASIC",
      fields: [
        {
          name: "account_sid",
          displayName: "Account SID",
          description: "Your Account SID (AC…), the Basic auth username.",
          required: true,
          secret: false,
          pattern: "^AC[0-9a-fA-F]{32}$",
        },
        {
          name: "auth_token",
          displayName: "Auth Token",
          description: "The account's Auth Token, the Basic auth password.",
          required: true,
          secret: true,
          pattern: "^[0-9a-fA-F]{32}$",
        },
      ],
    },
  ],
  connectionFields: [],
  check: { method: "GET", path: "/Accounts.json" },
  // Path template filled from the (non-secret) account_sid with fillTemplate.
  identity: {
    method: "GET",
    path: "/Accounts/{account_sid}.json",
    id: "sid",
    login: "sid",
    name: "friendly_name",
  },
};
