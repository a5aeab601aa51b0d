// The execution log's one redaction rule (lib/core/redact.ts, issue 13 item 2).
import { describe, expect, it } from "vitest";
import { LOG_LIMITS, REDACTED, redactForLog } from "@/lib/core/redact";

describe("redactForLog", () => {
  it("replaces values under secret-looking keys, at any depth, and keeps the rest", () => {
    const out = redactForLog({
      title: "Groceries",
      password: "hunter2",
      nested: { client_secret: "abc", refresh_token: "r1", apiKey: "k", Authorization: "x" },
      list: [{ access_token: "t", count: 3 }],
      empty_token: "",
    });
    expect(out).toEqual({
      title: "Groceries",
      password: REDACTED,
      nested: {
        client_secret: REDACTED,
        refresh_token: REDACTED,
        apiKey: REDACTED,
        Authorization: REDACTED,
      },
      list: [{ access_token: REDACTED, count: 3 }],
      empty_token: "",
    });
  });

  it("replaces values shaped like credentials under any key", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl";
    const out = redactForLog({
      note: "Bearer abcdefghijklmnop",
      id_hint: jwt,
      gh: "ghp_0123456789abcdefghij",
      key: "-----BEGIN RSA PRIVATE KEY-----\nMIIB…",
      words: "a plain sentence that mentions a token",
    });
    expect(out).toEqual({
      note: REDACTED,
      id_hint: REDACTED,
      gh: REDACTED,
      key: REDACTED,
      words: "a plain sentence that mentions a token",
    });
  });

  it("cuts long strings, long arrays, wide objects and deep nesting, saying what was left out", () => {
    const long = "x".repeat(1000);
    const out = redactForLog({
      body: long,
      items: Array.from({ length: 50 }, (_, i) => i),
      deep: { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } },
    }) as Record<string, unknown>;
    expect(out.body).toBe(`${"x".repeat(LOG_LIMITS.maxString)}… (1000 characters)`);
    expect(out.items).toEqual([...Array.from({ length: 20 }, (_, i) => i), "… 30 more item(s)"]);
    expect(JSON.stringify(out.deep)).toContain('"[object]"');
    const wide = redactForLog(
      Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, i])),
    );
    expect(Object.keys(wide as object)).toHaveLength(LOG_LIMITS.maxKeys + 1);
    expect((wide as Record<string, unknown>)["…"]).toBe("30 more key(s)");
  });

  it("bounds the whole: a huge value becomes a note of its size, never more than maxBytes", () => {
    const huge = Array.from({ length: 20 }, () =>
      Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`field${i}`, "y".repeat(300)])),
    );
    const out = redactForLog(huge);
    expect(JSON.stringify(out).length).toBeLessThanOrEqual(LOG_LIMITS.maxBytes);
    expect(redactForLog(huge, { ...LOG_LIMITS, maxBytes: 100 })).toMatch(
      /^\[\d+ bytes of JSON left out\]$/,
    );
  });

  it("keeps scalars and undefined as they are, drops NUL", () => {
    expect(redactForLog(undefined)).toBeUndefined();
    expect(redactForLog(null)).toBeNull();
    expect(redactForLog(42)).toBe(42);
    expect(redactForLog("a\u0000b")).toBe("ab");
  });
});
