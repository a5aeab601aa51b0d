// AES-256-GCM keyring (SECURITY.md 11–13): the first key encrypts, every key decrypts.
import crypto from "node:crypto";

/** What a ciphertext is bound to: a copy moved to another row or field fails to decrypt. */
export interface Binding {
  table: string;
  rowId: string;
  field: string;
}

export interface Keyring {
  currentKeyId: string;
  encrypt(plaintext: string, binding: Binding): string;
  decrypt(ciphertext: string, binding: Binding): string;
  keyIdOf(ciphertext: string): string;
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptError extends Error {
  constructor(
    message = "Cannot decrypt a stored secret (wrong key, tampered data or moved value)",
  ) {
    super(message);
  }
}

/** Parse `kid:base64key,kid2:base64key` (32-byte keys). Throws a readable error. */
export function parseKeyring(spec: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const part of spec
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const idx = part.indexOf(":");
    const kid = part.slice(0, idx);
    const key = Buffer.from(part.slice(idx + 1), "base64");
    if (idx <= 0 || !/^[A-Za-z0-9_-]{1,32}$/.test(kid)) {
      throw new Error(
        "KEYPORT_ENCRYPTION_KEYS: each entry must be kid:base64key (kid: letters, digits, - or _)",
      );
    }
    if (key.length !== 32) {
      throw new Error(`KEYPORT_ENCRYPTION_KEYS: key "${kid}" must be 32 bytes of base64`);
    }
    if (keys.has(kid)) throw new Error(`KEYPORT_ENCRYPTION_KEYS: key id "${kid}" appears twice`);
    keys.set(kid, key);
  }
  if (keys.size === 0) throw new Error("KEYPORT_ENCRYPTION_KEYS holds no key");
  return keys;
}

// JSON-encoded so that no two different bindings produce the same bytes (ids may contain ":").
function aad(kid: string, b: Binding): Buffer {
  return Buffer.from(JSON.stringify(["keyport", VERSION, kid, b.table, b.rowId, b.field]), "utf8");
}

/** Build a keyring from its spec. Format of a ciphertext: `v1:<kid>:<base64url(iv|ct|tag)>`. */
export function createKeyring(spec: string): Keyring {
  const keys = parseKeyring(spec);
  const currentKeyId = keys.keys().next().value as string;
  const currentKey = keys.get(currentKeyId)!;
  return {
    currentKeyId,
    encrypt(plaintext, binding) {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv("aes-256-gcm", currentKey, iv);
      cipher.setAAD(aad(currentKeyId, binding));
      const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const blob = Buffer.concat([iv, ct, cipher.getAuthTag()]).toString("base64url");
      return `${VERSION}:${currentKeyId}:${blob}`;
    },
    decrypt(ciphertext, binding) {
      const [version, kid, blob, extra] = ciphertext.split(":");
      if (version !== VERSION || !kid || !blob || extra !== undefined) throw new DecryptError();
      const key = keys.get(kid);
      if (!key)
        throw new DecryptError(
          `No key "${kid}" in KEYPORT_ENCRYPTION_KEYS to decrypt a stored secret`,
        );
      const raw = Buffer.from(blob, "base64url");
      if (raw.length < IV_BYTES + TAG_BYTES) throw new DecryptError();
      try {
        const decipher = crypto.createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
        decipher.setAAD(aad(kid, binding));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        const pt = Buffer.concat([
          decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
          decipher.final(),
        ]);
        return pt.toString("utf8");
      } catch {
        throw new DecryptError();
      }
    },
    keyIdOf(ciphertext) {
      return ciphertext.split(":")[1] ?? "";
    },
  };
}
