// The environment of the Keyport server that Playwright starts (production build, test secrets).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 3199);
export const BASE_URL = `http://localhost:${E2E_PORT}`;
export const ADMIN = { email: "admin@example.com", password: "correct-horse-battery" };
export const BOOTSTRAP_KEY = "kp_live_e2eBootstrapKey0123456789abcdefgh";

export const e2eServerEnv: Record<string, string> = {
  NODE_ENV: "production",
  PORT: String(E2E_PORT),
  KEYPORT_PUBLIC_URL: BASE_URL,
  AUTH_SECRET: "e2e-auth-secret-0123456789-abcdefghijklmnop",
  KEYPORT_ENCRYPTION_KEYS: `e2e1:${Buffer.alloc(32, 9).toString("base64")}`,
  KEYPORT_ADMIN_EMAIL: ADMIN.email,
  KEYPORT_ADMIN_PASSWORD: ADMIN.password,
  KEYPORT_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
  KEYPORT_SANDBOX: process.env.KEYPORT_SANDBOX ?? "1",
  KEYPORT_SANDBOX_PORT: String(E2E_SANDBOX_PORT),
  KEYPORT_ALLOW_LOOPBACK_EGRESS: "1",
};
