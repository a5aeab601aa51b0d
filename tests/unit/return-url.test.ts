import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkReturnUrl } from "@/lib/core/return-url";

const ALLOWED = ["https://app.example.com", "http://localhost:3000"];

// Origins that are not on the allow-list, however they are spelled.
const HOSTILE_BASES = [
  "https://evil.com",
  "https://app.example.evil.com",
  "https://app.example.com.evil.com",
  "https://app.example.com@evil.com",
  "https://app.example.com:x@evil.com",
  "https://app.example.com\\@evil.com",
  "https://app.example.com\\.evil.com",
  "https:\\\\evil.com",
  "https:/\\evil.com",
  "/\\evil.com",
  "\\\\evil.com",
  "//evil.com",
  "///evil.com",
  "https:evil.com",
  "https:/evil.com",
  "javascript:alert(document.cookie)//",
  "JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "DATA:text/html;base64,PHNjcmlwdD4=",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "ftp://app.example.com",
  "ws://app.example.com",
  "http://app.example.com",
  "HTTP://APP.EXAMPLE.COM",
  "https://app.example.com:8443",
  "https://app.example.com:0",
  "https://localhost:3000",
  "http://localhost:3001",
  "http://localhost",
  "http://127.0.0.1:3000",
  "http://[::1]:3000",
  "http://localhost.:3000",
  "https://app.example.com.",
  "https://app.example.co",
  "https://xn--pp-example-9ja.com",
  "https://аpp.example.com", // Cyrillic "а"
  "blob:https://app.example.com/uuid",
  "https://evil.com#https://app.example.com",
  "https://evil.com?next=https://app.example.com",
  "https://evil.com/https://app.example.com",
];

// Other spellings of an allowed origin: WHATWG URL normalises them, so they are the same origin.
const SAME_ORIGIN_SPELLINGS = [
  "HTTPS://APP.EXAMPLE.COM",
  "https://APP.example.com:443",
  "https://app%2eexample%2ecom",
  "http://LOCALHOST:3000",
  "http://localhost:03000",
];

// Characters that browsers strip or that parsers disagree on.
const CONTROL = fc.constantFrom(
  "\t",
  "\n",
  "\r",
  "\0",
  "\u0001",
  "\u001f",
  "\u007f",
  "\u0085",
  " ",
  "\\",
  "\u00a0",
  "\u2028",
  "\ufeff",
);

const insertAt = (s: string, at: number, piece: string) => {
  const i = at % (s.length + 1);
  return s.slice(0, i) + piece + s.slice(i);
};

const suffix = fc
  .tuple(fc.constantFrom("", "/", "?", "#", "/done?x=1#y"), fc.string({ maxLength: 30 }))
  .map(([sep, rest]) => (sep === "" ? "" : sep + rest));

type Mutation = (s: string) => string;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), CONTROL).map(
    ([at, c]) =>
      (s: string) =>
        insertAt(s, at, c),
  ),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom("@evil.com", ".evil.com", "evil.com@", ":443", ":3000", "//evil.com", "%00"),
    )
    .map(
      ([at, piece]) =>
        (s: string) =>
          insertAt(s, at, piece),
    ),
  fc
    .nat()
    .map(
      (seed) => (s: string) =>
        [...s].map((ch, i) => ((seed >> (i % 30)) & 1 ? ch.toUpperCase() : ch)).join(""),
    ),
  fc.constant((s: string) => s.replace("https://", "http://")),
  fc.constant((s: string) => s.replace("http://", "https://")),
  fc.constant((s: string) => s.replace("://", ":")),
  fc.constant((s: string) => s.replace("://", ":\\\\")),
  fc
    .integer({ min: 0, max: 70000 })
    .map((port) => (s: string) => s.replace(/^(\w+:\/\/[^/?#]+)/, `$1:${port}`)),
);

const hostileUrl = fc
  .tuple(
    fc.constantFrom(...HOSTILE_BASES),
    suffix,
    fc.array(fc.tuple(fc.nat(), CONTROL), { maxLength: 2 }),
  )
  .map(([base, rest, inserts]) => inserts.reduce((s, [at, c]) => insertAt(s, at, c), base + rest));

const anyUrl = fc
  .tuple(
    fc.oneof(
      // Weighted towards allowed origins: their mutations are the near misses worth trying.
      { arbitrary: fc.constantFrom(...ALLOWED, ...SAME_ORIGIN_SPELLINGS), weight: 4 },
      fc.constantFrom(...HOSTILE_BASES),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string({ unit: "grapheme-ascii", maxLength: 60 }),
    ),
    suffix,
    fc.array(mutation, { maxLength: 3 }),
  )
  .map(([base, rest, mutations]) => mutations.reduce((s, m) => m(s), base + rest));

describe("checkReturnUrl (SECURITY.md 5)", () => {
  it("only ever returns a URL whose origin is exactly an allowed one", () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyUrl, (raw) => {
        const out = checkReturnUrl(raw, ALLOWED);
        if (out === null) return;
        accepted += 1;
        const u = new URL(out);
        expect(ALLOWED).toContain(u.origin);
        expect(u.username + u.password).toBe("");
        expect(raw).not.toMatch(/[\u0000-\u0020\u007f-\u009f\\]/);
      }),
      { numRuns: 5000 },
    );
    // The generator also produces acceptable URLs, so the invariant is exercised, not vacuous.
    expect(accepted).toBeGreaterThan(500);
  });

  it("refuses hostile URLs built from other origins, tricks and control characters", () => {
    fc.assert(
      fc.property(hostileUrl, (raw) => {
        expect(checkReturnUrl(raw, ALLOWED)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it.each(HOSTILE_BASES.map((base) => [base + "/done"]))("refuses %j", (raw) => {
    expect(checkReturnUrl(raw, ALLOWED)).toBeNull();
  });

  it.each([
    ["https://app.example.com/done?x=1", "https://app.example.com/done?x=1"],
    ["http://localhost:3000/cb", "http://localhost:3000/cb"],
    ["https://app.example.com", "https://app.example.com/"],
    ["https://app.example.com/a/b?c=d#frag", "https://app.example.com/a/b?c=d#frag"],
  ])("accepts %s", (raw, expected) => {
    expect(checkReturnUrl(raw, ALLOWED)).toBe(expected);
  });

  it.each(SAME_ORIGIN_SPELLINGS)("normalises %s to the allowed origin it spells", (spelling) => {
    const out = checkReturnUrl(`${spelling}/cb`, ALLOWED);
    expect(out).not.toBeNull();
    expect(ALLOWED).toContain(new URL(out!).origin);
  });

  it("accepts any path, query and fragment under an allowed origin", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALLOWED),
        fc.webPath(),
        fc.webQueryParameters(),
        fc.webFragments(),
        (origin, p, q, f) => {
          const raw = `${origin}${p.startsWith("/") ? p : `/${p}`}?${q}#${f}`;
          const out = checkReturnUrl(raw, ALLOWED);
          expect(out).not.toBeNull();
          expect(new URL(out!).origin).toBe(origin);
        },
      ),
    );
  });

  it("refuses everything when the allow-list is empty, and an allowed origin that is not https", () => {
    expect(checkReturnUrl("https://app.example.com/done", [])).toBeNull();
    expect(checkReturnUrl("http://app.example.com/done", ["http://app.example.com"])).toBeNull();
  });

  it("refuses an empty or overlong URL", () => {
    expect(checkReturnUrl("", ALLOWED)).toBeNull();
    expect(checkReturnUrl(`https://app.example.com/${"a".repeat(2001)}`, ALLOWED)).toBeNull();
  });
});
