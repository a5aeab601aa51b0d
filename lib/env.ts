// The only reader of process.env. Validated once, lazily (so `next build` never needs secrets).
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";
import { parseKeyring } from "./crypto/keyring";
import { parseTrustedProxies, type TrustedProxies } from "./http/client-address";

const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .url({
      protocol: /^postgres(ql)?$/,
      error: "must be a postgres:// URL, e.g. postgres://user:password@host:5432/keyport",
    })
    .optional(),
  PGLITE_DIR: z.string().min(1).optional(),
  KEYPORT_PUBLIC_URL: z.string().url().optional(),
  KEYPORT_ENCRYPTION_KEYS: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  KEYPORT_ADMIN_EMAIL: z.string().email().optional(),
  KEYPORT_ADMIN_PASSWORD: z
    .string()
    .min(8, "KEYPORT_ADMIN_PASSWORD needs 8+ characters")
    .optional(),
  KEYPORT_BOOTSTRAP_API_KEY: z
    .string()
    .regex(
      /^kp_live_[A-Za-z0-9_-]{22,}$/,
      "KEYPORT_BOOTSTRAP_API_KEY must look like kp_live_<22+ chars>",
    )
    .optional(),
  KEYPORT_SANDBOX: flag.optional(),
  KEYPORT_SANDBOX_URL: z.url({ protocol: /^https?$/ }).optional(),
  KEYPORT_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3999),
  KEYPORT_SANDBOX_ACCESS_TTL: z.coerce.number().int().min(1).default(3600),
  KEYPORT_SANDBOX_STORE: z.string().optional(),
  KEYPORT_SANDBOX_API_KEYS: z.string().default("sbx_demo_key"),
  KEYPORT_ALLOW_LOOPBACK_EGRESS: flag.optional(),
  KEYPORT_FLOW_TTL_SECONDS: z.coerce.number().int().min(10).default(600),
  KEYPORT_ABANDONED_RETENTION_DAYS: z.coerce.number().int().min(1).default(7),
  KEYPORT_WEBHOOK_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  KEYPORT_DATA_DIR: z.string().default(".data"),
  KEYPORT_TRUSTED_PROXIES: z.string().default(""),
});

export interface Env {
  production: boolean;
  port: number;
  databaseUrl: string | undefined;
  pgliteDir: string;
  publicUrl: string;
  encryptionKeys: string;
  authSecret: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  bootstrapApiKey: string | undefined;
  sandbox: boolean;
  /** A sandbox that runs in another process (`npm run sandbox`): used, not started. */
  sandboxUrl: string | undefined;
  sandboxPort: number;
  sandboxAccessTtl: number;
  /**
   * The file where the sandbox keeps its grants and tokens across restarts: KEYPORT_SANDBOX_STORE,
   * or `<data dir>/sandbox-store.json` in development ("off" = memory only, the default elsewhere).
   */
  sandboxStoreFile: string | undefined;
  sandboxApiKeys: string[];
  allowLoopbackEgress: boolean;
  flowTtlSeconds: number;
  /** Connect links nobody finished are deleted this long after they expired. */
  abandonedRetentionDays: number;
  /** Webhook events and their delivery log are kept this long. */
  webhookRetentionDays: number;
  dataDir: string;
  /** Proxies whose X-Forwarded-For names the client (IPs and CIDRs); empty = the TCP peer is the client. */
  trustedProxies: TrustedProxies;
}

export class ConfigError extends Error {}

const HOW_TO = {
  AUTH_SECRET:
    "AUTH_SECRET (make one: node -e \"console.log(crypto.randomBytes(32).toString('base64url'))\")",
  KEYPORT_ENCRYPTION_KEYS:
    "KEYPORT_ENCRYPTION_KEYS (format kid:base64key; make one: node -e \"console.log('k1:'+crypto.randomBytes(32).toString('base64'))\")",
} as const;

/** Dev-only secrets generated once into the data dir so `npm run dev` just works. */
function devSecrets(dataDir: string): { authSecret: string; encryptionKeys: string } {
  const file = path.resolve(/*turbopackIgnore: true*/ dataDir, "dev-secrets.json");
  if (fs.existsSync(file)) {
    return JSON.parse(fs.readFileSync(file, "utf8")) as {
      authSecret: string;
      encryptionKeys: string;
    };
  }
  const secrets = {
    authSecret: crypto.randomBytes(32).toString("base64url"),
    encryptionKeys: `dev1:${crypto.randomBytes(32).toString("base64")}`,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Parse and validate the environment; throws ConfigError naming every problem. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const v = parsed.data;
  const production = v.NODE_ENV === "production";
  let authSecret = v.AUTH_SECRET;
  let encryptionKeys = v.KEYPORT_ENCRYPTION_KEYS;
  if (production) {
    const missing = [
      !authSecret && HOW_TO.AUTH_SECRET,
      !encryptionKeys && HOW_TO.KEYPORT_ENCRYPTION_KEYS,
      // The OAuth redirect URI derives from it: a localhost default would break every provider.
      !v.KEYPORT_PUBLIC_URL &&
        "KEYPORT_PUBLIC_URL (the URL users' browsers see, e.g. https://keyport.example.com)",
    ].filter(Boolean);
    if (missing.length > 0) {
      throw new ConfigError(
        `Keyport refuses to start in production without:\n${missing.map((m) => `  - ${m}`).join("\n")}`,
      );
    }
  } else if (!authSecret || !encryptionKeys) {
    const dev = devSecrets(v.KEYPORT_DATA_DIR);
    authSecret ??= dev.authSecret;
    encryptionKeys ??= dev.encryptionKeys;
  }
  try {
    parseKeyring(encryptionKeys!);
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  - ${(err as Error).message}`);
  }
  let trustedProxies: TrustedProxies;
  try {
    trustedProxies = parseTrustedProxies(v.KEYPORT_TRUSTED_PROXIES);
  } catch (err) {
    throw new ConfigError(
      `Invalid configuration:\n  - KEYPORT_TRUSTED_PROXIES: ${(err as Error).message}`,
    );
  }
  return {
    production,
    port: v.PORT,
    databaseUrl: v.DATABASE_URL,
    pgliteDir: v.PGLITE_DIR ?? path.join(v.KEYPORT_DATA_DIR, "pglite"),
    publicUrl: (v.KEYPORT_PUBLIC_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, ""),
    encryptionKeys: encryptionKeys!,
    authSecret: authSecret!,
    adminEmail: v.KEYPORT_ADMIN_EMAIL,
    adminPassword: v.KEYPORT_ADMIN_PASSWORD,
    bootstrapApiKey: v.KEYPORT_BOOTSTRAP_API_KEY,
    sandbox: v.KEYPORT_SANDBOX ?? !production,
    sandboxUrl: v.KEYPORT_SANDBOX_URL?.replace(/\/+$/, ""),
    sandboxPort: v.KEYPORT_SANDBOX_PORT,
    sandboxAccessTtl: v.KEYPORT_SANDBOX_ACCESS_TTL,
    sandboxStoreFile:
      v.KEYPORT_SANDBOX_STORE === "off" || v.KEYPORT_SANDBOX_STORE === ""
        ? undefined
        : (v.KEYPORT_SANDBOX_STORE ??
          (v.NODE_ENV === "development"
            ? path.join(v.KEYPORT_DATA_DIR, "sandbox-store.json")
            : undefined)),
    sandboxApiKeys: v.KEYPORT_SANDBOX_API_KEYS.split(",")
      .map((k) => k.trim())
      .filter(Boolean),
    allowLoopbackEgress: v.KEYPORT_ALLOW_LOOPBACK_EGRESS ?? !production,
    flowTtlSeconds: v.KEYPORT_FLOW_TTL_SECONDS,
    abandonedRetentionDays: v.KEYPORT_ABANDONED_RETENTION_DAYS,
    webhookRetentionDays: v.KEYPORT_WEBHOOK_RETENTION_DAYS,
    dataDir: v.KEYPORT_DATA_DIR,
    trustedProxies,
  };
}

const g = globalThis as unknown as { __keyportEnv?: Env };

/** The process's validated configuration (cached). */
export function env(): Env {
  g.__keyportEnv ??= loadEnv();
  return g.__keyportEnv;
}
