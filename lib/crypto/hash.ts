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

// CSPRNG bytes drawn 4 KB at a time, as Node's randomUUID does: one call per ~100 ids instead of
// one each (every API call makes a request id and a log id). Bytes are zeroed once handed out.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

/** `bytes` random bytes (a copy, from the pool when small). */
export function pooledRandomBytes(bytes: number): Buffer {
  if (bytes > 256) return crypto.randomBytes(bytes);
  if (poolOffset + bytes > pool.length) {
    crypto.randomFillSync(pool);
    poolOffset = 0;
  }
  const slice = pool.subarray(poolOffset, poolOffset + bytes);
  const out = Buffer.from(slice);
  slice.fill(0);
  poolOffset += bytes;
  return out;
}

/** `bytes` random bytes as base64url (16 bytes = 128 bits). */
export function randomToken(bytes = 32): string {
  return pooledRandomBytes(bytes).toString("base64url");
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
