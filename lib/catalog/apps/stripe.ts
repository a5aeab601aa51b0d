// Stripe (secret or restricted API key).
// Checked against https://docs.stripe.com/keys and https://docs.stripe.com/api/authentication
import type { AppDef } from "../types";
import { monogram } from "../logos";
import { apiKey, BEARER } from "./shared";

export const stripe: AppDef = {
  key: "stripe",
  name: "Stripe",
  description: "Payments, customers, invoices and subscriptions in Stripe.",
  logo: monogram("S", "#635BFF"),
  categories: ["payments"],
  docsUrl: "https://docs.stripe.com/keys",
  apiBaseUrl: "https://api.stripe.com",
  authSchemes: [
    apiKey(BEARER, {
      displayName: "Secret key",
      description: "A secret (sk_…) or restricted (rk_…) key from the Stripe dashboard.",
      pattern: "^(?:sk|rk)_(?:test|live)_[0-9A-Za-z]{10,247}$",
    }),
  ],
  connectionFields: [],
  check: { method: "GET", path: "/v1/balance" },
  identity: {
    method: "GET",
    path: "/v1/account",
    id: "id",
    login: "email",
    name: "settings.dashboard.display_name",
  },
};
