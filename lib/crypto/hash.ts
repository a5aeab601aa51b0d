// Keyed hashes and random tokens: API keys, connect-link tokens, OAuth state, browser bindings.
import crypto from "node:crypto";

/** HMAC-SHA-256 (hex) of a value with a server pepper. */
export function keyedHash(pepper: string, value: string): string {
  return crypto.createHmac("sha256", pepper).update(value).digest("hex");
}

/** Constant-time string comparison (different lengths are simply unequal). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

/** `bytes` random bytes as base64url (16 bytes = 128 bits). */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

/** Derive a purpose-specific secret from the server secret (HKDF-SHA-256). */
export function deriveSecret(root: string, purpose: string): string {
  return Buffer.from(crypto.hkdfSync("sha256", root, "keyport", purpose, 32)).toString("base64url");
}

/** Masked hint of a secret: never more than the last 4 characters. */
export function maskSecret(value: string): string {
  if (value.length < 16) return "••••";
  if (value.length < 24) return `…${value.slice(-4)}`;
  return `${value.slice(0, 4)}…${value.slice(-4)}`;
}
