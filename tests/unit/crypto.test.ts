import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newId } from "@/lib/core/ids";
import {
  type Binding,
  createKeyring,
  DecryptError,
  parseKeyring,
  pooledRandomBytes,
  randomToken,
} from "@/lib/crypto";

const key = (fill: number) => Buffer.alloc(32, fill).toString("base64");
const ring = createKeyring(`k1:${key(1)},k0:${key(2)}`);
const binding: Binding = { table: "connections", rowId: "ca_1", field: "credentials" };

const arbBinding = fc.record({
  table: fc.string({ minLength: 1, maxLength: 20 }),
  rowId: fc.string({ minLength: 1, maxLength: 40 }),
  field: fc.string({ minLength: 1, maxLength: 20 }),
});

function decryptError(run: () => unknown): DecryptError {
  try {
    run();
  } catch (err) {
    if (err instanceof DecryptError) return err;
    throw err;
  }
  throw new Error("expected a DecryptError, but decryption succeeded");
}

describe("keyring encryption (SECURITY.md 11–12)", () => {
  it("round-trips any unicode text under any binding", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), arbBinding, (text, b) => {
        const ct = ring.encrypt(text, b);
        expect(ct.startsWith("v1:k1:")).toBe(true);
        expect(ring.decrypt(ct, b)).toBe(text);
      }),
    );
  });

  it("refuses a blob with any single bit flipped", () => {
    const ct = ring.encrypt("gho_secret-access-token", binding);
    const [version, kid, blob] = ct.split(":") as [string, string, string];
    const raw = Buffer.from(blob, "base64url");
    fc.assert(
      fc.property(fc.nat({ max: raw.length - 1 }), fc.integer({ min: 0, max: 7 }), (pos, bit) => {
        const tampered = Buffer.from(raw);
        tampered[pos] = tampered[pos]! ^ (1 << bit);
        const forged = `${version}:${kid}:${tampered.toString("base64url")}`;
        decryptError(() => ring.decrypt(forged, binding));
      }),
    );
  });

  it("refuses a truncated blob and a malformed envelope", () => {
    const ct = ring.encrypt("secret", binding);
    decryptError(() => ring.decrypt(ct.slice(0, 12), binding));
    decryptError(() => ring.decrypt(ct.replace(/^v1:/, "v2:"), binding));
    decryptError(() => ring.decrypt(`${ct}:extra`, binding));
    decryptError(() => ring.decrypt("not a ciphertext", binding));
  });

  it.each([
    ["another row", { ...binding, rowId: "ca_2" }],
    ["another field", { ...binding, field: "secrets" }],
    ["another table", { ...binding, table: "integrations" }],
  ])("refuses a ciphertext moved to %s", (_, moved) => {
    const ct = ring.encrypt("secret", binding);
    decryptError(() => ring.decrypt(ct, moved));
  });

  it("refuses a ciphertext moved to any other binding", () => {
    // Parts without ":" – the AAD joins them with ":" (real tables, fields and ids never hold one).
    const part = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes(":"));
    const plain = fc.record({ table: part, rowId: part, field: part });
    fc.assert(
      fc.property(plain, plain, (from, to) => {
        fc.pre(from.table !== to.table || from.rowId !== to.rowId || from.field !== to.field);
        decryptError(() => ring.decrypt(ring.encrypt("secret", from), to));
      }),
    );
  });

  it("refuses a ciphertext relabelled with another key id", () => {
    const ct = ring.encrypt("secret", binding);
    decryptError(() => ring.decrypt(ct.replace(/^v1:k1:/, "v1:k0:"), binding));
  });

  it("uses a fresh IV for every encryption of the same text", () => {
    const a = ring.encrypt("same text", binding);
    const b = ring.encrypt("same text", binding);
    expect(a).not.toBe(b);
    const iv = (ct: string) => Buffer.from(ct.split(":")[2]!, "base64url").subarray(0, 12);
    expect(iv(a).equals(iv(b))).toBe(false);
  });
});

describe("keyring rotation (SECURITY.md 13)", () => {
  it("still decrypts with an older key after a new key is put first", () => {
    const before = createKeyring(`k0:${key(2)}`);
    const ct = before.encrypt("old secret", binding);
    const after = createKeyring(`k2:${key(9)},k0:${key(2)}`);
    expect(after.currentKeyId).toBe("k2");
    expect(after.keyIdOf(ct)).toBe("k0");
    expect(after.decrypt(ct, binding)).toBe("old secret");
    expect(after.keyIdOf(after.encrypt("new secret", binding))).toBe("k2");
  });

  it("names the missing key id when the ring lacks it", () => {
    const ct = createKeyring(`gone:${key(5)}`).encrypt("secret", binding);
    const err = decryptError(() => ring.decrypt(ct, binding));
    expect(err.message).toContain('"gone"');
  });
});

describe("parseKeyring", () => {
  it("parses several keys in order", () => {
    expect([...parseKeyring(`a:${key(1)}, b:${key(2)}`).keys()]).toEqual(["a", "b"]);
  });

  it.each([
    ["a key of the wrong length", `k1:${Buffer.alloc(16, 1).toString("base64")}`, /32 bytes/],
    ["a duplicate key id", `k1:${key(1)},k1:${key(2)}`, /appears twice/],
    ["an empty spec", "", /no key/],
    ["only separators", " , ,", /no key/],
    ["an entry without a key id", key(1), /kid:base64key/],
    ["a key id with a space", `k 1:${key(1)}`, /kid:base64key/],
  ])("refuses %s", (_, spec, message) => {
    expect(() => parseKeyring(spec)).toThrow(message);
  });
});

describe("randomToken (pooled CSPRNG bytes)", () => {
  it("gives the asked number of bytes, never the same token twice, across many pool refills", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const bytes = 1 + (i % 40); // uneven sizes cross the 4 KB refill boundary at many offsets
      const token = randomToken(bytes);
      expect(Buffer.from(token, "base64url")).toHaveLength(bytes);
      if (bytes >= 9) {
        expect(seen.has(token)).toBe(false);
        seen.add(token);
      }
    }
    expect(Buffer.from(randomToken(1_000), "base64url")).toHaveLength(1_000);
  });

  it("hands out bytes that look uniform (no zeroed or repeated pool regions)", () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 2_000; i++)
      for (const b of Buffer.from(randomToken(32), "base64url")) counts[b]!++;
    // 64,000 bytes over 256 values: 250 expected each; a zeroed region would pile up on 0.
    expect(Math.max(...counts)).toBeLessThan(400);
    expect(Math.min(...counts)).toBeGreaterThan(130);
  });

  it("ids come from the same pool: 20 base62 characters after the prefix, none repeated", () => {
    const ids = new Set<string>();
    for (let i = 0; i < 3_000; i++) {
      randomToken(1 + (i % 7)); // interleaved draws move the pool offset unevenly
      const id = newId("log");
      expect(id).toMatch(/^log_[0-9A-Za-z]{20}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(3_000);
    const copy = pooledRandomBytes(16);
    expect(copy).toHaveLength(16);
    expect(copy.equals(Buffer.alloc(16))).toBe(false); // handed out before the pool slice is zeroed
  });
});
