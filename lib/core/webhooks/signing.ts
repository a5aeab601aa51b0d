// Standard Webhooks signing: HMAC-SHA256 over "id.timestamp.body" with the base64 key after
// "whsec_", sent as "v1,<base64>"; several signatures are space-separated (secret rotation).
// Composio's verifyWebhook keys the HMAC with the secret's text as it is (not base64-decoded), so
// Composio-named events carry that signature too: both verifiers accept the same header.
import { createHmac } from "node:crypto";
import { pooledRandomBytes } from "@/lib/crypto";

const PREFIX = "whsec_";

/** A new signing secret: "whsec_" and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return PREFIX + pooledRandomBytes(32).toString("base64");
}

/** One "v1,…" signature of a message (`composio`: keyed with the secret's text). */
export function signWebhook(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
  composio = false,
): string {
  const key = composio
    ? Buffer.from(secret, "utf8")
    : Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
  const mac = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return `v1,${mac}`;
}

/** The Standard Webhooks headers for one attempt, signed with every given secret. */
export function webhookHeaders(
  secrets: string[],
  id: string,
  timestamp: number,
  body: string,
  opts: { composio?: boolean } = {},
): Record<string, string> {
  const signatures = secrets.map((s) => signWebhook(s, id, timestamp, body));
  if (opts.composio)
    signatures.push(...secrets.map((s) => signWebhook(s, id, timestamp, body, true)));
  return {
    "content-type": "application/json",
    "user-agent": "Keyport-Webhooks/1",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signatures.join(" "),
  };
}
