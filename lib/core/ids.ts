// Public ids: a prefix and 20 random base62 characters (≈119 bits), one id per object on every face.
import { pooledRandomBytes } from "@/lib/crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export type IdPrefix =
  "prj" | "op" | "key" | "ac" | "ent" | "ca" | "ln" | "log" | "we" | "msg" | "whd";

/** A new random id such as `ca_4fJ9…`. */
export function newId(prefix: IdPrefix, length = 20): string {
  const bytes = pooledRandomBytes(length * 2);
  let out = "";
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    const b = bytes[i]!;
    if (b < 248) out += ALPHABET[b % 62];
  }
  return `${prefix}_${out}`;
}
