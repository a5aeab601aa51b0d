// Stripe API, relative to https://api.stripe.com (lib/catalog/apps/stripe.ts); request bodies are
// form-encoded. Only flat fields are declared: nested ones (metadata[key], address[city]) need
// Stripe's bracket encoding. Checked against https://docs.stripe.com/api
import { defineActions, int, str } from "./define";

const page = {
  limit: {
    in: "query",
    schema: int("Page size (1–100, default 10).", { minimum: 1, maximum: 100 }),
  },
  starting_after: {
    in: "query",
    schema: str("Object id to list after (the last id of the previous page)."),
  },
  ending_before: {
    in: "query",
    schema: str("Object id to list before (the first id of the next page)."),
  },
} as const;

export const stripeActions = defineActions("stripe", [
  {
    displayName: "List customers",
    description: "Lists customers, newest first.",
    method: "GET",
    path: "/v1/customers",
    params: {
      ...page,
      email: {
        in: "query",
        schema: str("Only customers with exactly this email (case-sensitive)."),
      },
    },
    tags: ["customers"],
  },
  {
    displayName: "Create a customer",
    description: "Creates a customer.",
    method: "POST",
    path: "/v1/customers",
    contentType: "application/x-www-form-urlencoded",
    params: {
      email: { in: "body", schema: str("Email address.", { maxLength: 512 }) },
      name: { in: "body", schema: str("Full name or business name.", { maxLength: 256 }) },
      description: { in: "body", schema: str("Arbitrary description shown in the dashboard.") },
      phone: { in: "body", schema: str("Phone number.", { maxLength: 20 }) },
      payment_method: { in: "body", schema: str("Id of a PaymentMethod to attach.") },
      balance: {
        in: "body",
        schema: int("Starting balance in the smallest currency unit (negative = credit)."),
      },
    },
    tags: ["customers"],
  },
  {
    displayName: "Retrieve a customer",
    description: "Retrieves a customer by id.",
    method: "GET",
    path: "/v1/customers/{customer}",
    params: { customer: { in: "path", schema: str("Customer id, e.g. cus_…") } },
    tags: ["customers"],
  },
  {
    displayName: "Retrieve balance",
    description:
      "Retrieves the account's current balance: available and pending amounts per currency.",
    method: "GET",
    path: "/v1/balance",
    tags: ["balance"],
  },
]);
