// Auth.js's logger: a wrong password is expected (verifySignIn logs it once), so Auth.js adds nothing.
import { CredentialsSignin, MissingCSRF } from "@auth/core/errors";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authLogger } from "@/lib/auth/logger";

afterEach(() => {
  vi.restoreAllMocks();
});

function capture(): string[] {
  const lines: string[] = [];
  for (const level of ["log", "info", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(`${level}: ${args.map(String).join(" ")}`);
    });
  }
  return lines;
}

describe("authLogger", () => {
  it("prints nothing for a refused sign-in (verifySignIn already logged it in one line)", () => {
    const lines = capture();
    authLogger.error(new CredentialsSignin());
    class RateLimited extends CredentialsSignin {}
    authLogger.error(new RateLimited());
    expect(lines).toEqual([]);
  });

  it("logs other client-caused errors as one info line without a stack", () => {
    const lines = capture();
    authLogger.error(new MissingCSRF("CSRF token was missing"));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!.replace(/^log: /, ""))).toEqual({
      level: "info",
      message: "auth request refused",
      type: "MissingCSRF",
    });
  });

  it("still logs real errors in full", () => {
    const lines = capture();
    authLogger.error(new Error("database is down"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toContain("database is down");
    expect(lines[0]).toContain("stack");
  });
});
