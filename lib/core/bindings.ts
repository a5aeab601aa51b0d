// Where each sealed secret is bound (the AAD of its ciphertext: table, row and field), in one
// table that sealing, unsealing and key rotation all read. A ciphertext copied to another row or
// field fails to decrypt (SECURITY.md 12).
import type { Binding } from "@/lib/crypto";

export const bindings = {
  /** An integration's client secret and developer keys, by integration id. */
  integrationSecrets: (id: string): Binding => ({
    table: "integrations",
    rowId: id,
    field: "secrets",
  }),
  /** A connection's tokens or keys, by connection id. */
  connectionCredentials: (id: string): Binding => ({
    table: "connections",
    rowId: id,
    field: "credentials",
  }),
  /** A flow's PKCE verifier or OAuth 1 token secret (and its link id), by state hash. */
  flowVerifier: (stateHash: string): Binding => ({
    table: "auth_flows",
    rowId: stateHash,
    field: "verifier",
  }),
  /** A webhook endpoint's signing secret ("secret") or the one before rotation ("previous_secret"). */
  webhookSecret: (id: string, field: "secret" | "previous_secret" = "secret"): Binding => ({
    table: "webhook_endpoints",
    rowId: id,
    field,
  }),
} as const;
