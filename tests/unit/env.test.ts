import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeyring } from "@/lib/crypto";
import { ConfigError, loadEnv } from "@/lib/env";

let dataDir: string;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-env-"));
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

const prodSecrets = {
  AUTH_SECRET: "a".repeat(43),
  KEYPORT_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`,
  KEYPORT_PUBLIC_URL: "https://keyport.example.com",
};

describe("loadEnv in production (SECURITY.md 11: no plaintext mode)", () => {
  it("refuses to start without AUTH_SECRET and KEYPORT_ENCRYPTION_KEYS, and says how to make them", () => {
    const err = configError(() =>
      loadEnv({ NODE_ENV: "production", KEYPORT_DATA_DIR: path.join(dataDir, "prod") }),
    );
    expect(err.message).toContain("AUTH_SECRET");
    expect(err.message).toContain("KEYPORT_ENCRYPTION_KEYS");
    expect(err.message).toContain("randomBytes(32)");
    expect(err.message).toContain("kid:base64key");
    // Nothing may be generated behind the operator's back in production.
    expect(fs.existsSync(path.join(dataDir, "prod", "dev-secrets.json"))).toBe(false);
  });

  it.each(["AUTH_SECRET", "KEYPORT_ENCRYPTION_KEYS", "KEYPORT_PUBLIC_URL"] as const)(
    "refuses to start when only %s is missing",
    (missing) => {
      const source: NodeJS.ProcessEnv = { NODE_ENV: "production", ...prodSecrets };
      delete source[missing];
      const err = configError(() => loadEnv(source));
      expect(err.message).toContain(missing);
    },
  );

  it("starts with both set and uses them as given", () => {
    const env = loadEnv({ NODE_ENV: "production", ...prodSecrets });
    expect(env.production).toBe(true);
    expect(env.authSecret).toBe(prodSecrets.AUTH_SECRET);
    expect(env.encryptionKeys).toBe(prodSecrets.KEYPORT_ENCRYPTION_KEYS);
    expect(env.sandbox).toBe(false);
    expect(env.allowLoopbackEgress).toBe(false);
  });

  it("refuses a malformed keyring at start, naming the problem", () => {
    const err = configError(() =>
      loadEnv({
        NODE_ENV: "production",
        ...prodSecrets,
        KEYPORT_ENCRYPTION_KEYS: "k1:dG9vc2hvcnQ=",
      }),
    );
    expect(err.message).toMatch(/KEYPORT_ENCRYPTION_KEYS: key "k1" must be 32 bytes/);
  });
});

describe("loadEnv in development", () => {
  it("generates secrets once into KEYPORT_DATA_DIR and reuses them", () => {
    const dir = path.join(dataDir, "dev");
    const first = loadEnv({ NODE_ENV: "development", KEYPORT_DATA_DIR: dir });
    const file = path.join(dir, "dev-secrets.json");
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(createKeyring(first.encryptionKeys).currentKeyId).toBe("dev1");

    const second = loadEnv({ NODE_ENV: "development", KEYPORT_DATA_DIR: dir });
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.encryptionKeys).toBe(first.encryptionKeys);
  });

  it("prefers secrets from the environment over generated ones", () => {
    const env = loadEnv({ KEYPORT_DATA_DIR: path.join(dataDir, "dev"), ...prodSecrets });
    expect(env.authSecret).toBe(prodSecrets.AUTH_SECRET);
    expect(env.encryptionKeys).toBe(prodSecrets.KEYPORT_ENCRYPTION_KEYS);
  });

  it("defaults KEYPORT_PUBLIC_URL to http://localhost:$PORT", () => {
    const dir = path.join(dataDir, "dev");
    expect(loadEnv({ KEYPORT_DATA_DIR: dir }).publicUrl).toBe("http://localhost:3000");
    expect(loadEnv({ KEYPORT_DATA_DIR: dir, PORT: "4123" }).publicUrl).toBe(
      "http://localhost:4123",
    );
    expect(
      loadEnv({ KEYPORT_DATA_DIR: dir, KEYPORT_PUBLIC_URL: "https://keys.example.com/" }).publicUrl,
    ).toBe("https://keys.example.com");
  });

  it.each(["abc", "0", "70000", "3.5"])("refuses PORT=%s with an error naming PORT", (port) => {
    const err = configError(() =>
      loadEnv({ KEYPORT_DATA_DIR: path.join(dataDir, "dev"), PORT: port }),
    );
    expect(err.message).toMatch(/\bPORT\b/);
  });
});

describe("KEYPORT_TRUSTED_PROXIES", () => {
  const dir = () => path.join(dataDir, "dev");

  it("defaults to none: the TCP peer is the client", () => {
    expect(loadEnv({ KEYPORT_DATA_DIR: dir() }).trustedProxies).toEqual([]);
  });

  it("parses a comma list of IPs and CIDRs", () => {
    const env = loadEnv({
      KEYPORT_DATA_DIR: dir(),
      KEYPORT_TRUSTED_PROXIES: "10.0.0.0/8, ::1",
    });
    expect(env.trustedProxies.map((r) => r.prefix)).toEqual([8, 128]);
  });

  it("refuses to start on an entry that is not an IP or CIDR, naming the variable and the entry", () => {
    const err = configError(() =>
      loadEnv({ KEYPORT_DATA_DIR: dir(), KEYPORT_TRUSTED_PROXIES: "10.0.0.0/8, proxy.internal" }),
    );
    expect(err.message).toContain("KEYPORT_TRUSTED_PROXIES");
    expect(err.message).toContain('"proxy.internal"');
  });
});
