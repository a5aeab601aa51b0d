import fc from "fast-check";
import { request } from "undici";
import { describe, expect, it } from "vitest";
import {
  checkUrl,
  egressAgent,
  EgressError,
  egressFetch,
  type EgressErrorCode,
  guardedLookup,
  isBlockedAddress,
  isLoopback,
  resolveApiPath,
} from "@/lib/egress";

const strict = { allowLoopback: false };

async function refusal(run: () => unknown): Promise<EgressErrorCode | "no error"> {
  try {
    await run();
    return "no error";
  } catch (err) {
    if (err instanceof EgressError) return err.code;
    throw err;
  }
}

describe("egress guard refuses hostile targets before connecting", () => {
  // Every case fails in the synchronous pre-check (literal, scheme, port, userinfo, localhost),
  // so no packet leaves the machine.
  it.each([
    ["http://127.0.0.1/", "blocked_address"],
    ["http://2130706433/", "blocked_address"],
    ["http://0x7f000001/", "blocked_address"],
    ["http://017700000001/", "blocked_address"],
    ["http://127.1:8080/", "blocked_address"],
    ["http://[::ffff:127.0.0.1]/", "blocked_address"],
    ["http://[::1]/", "blocked_address"],
    ["http://169.254.169.254/latest/meta-data", "blocked_address"],
    ["https://169.254.169.254/latest/meta-data", "blocked_address"],
    ["http://10.0.0.1/", "blocked_address"],
    ["http://192.168.1.1/", "blocked_address"],
    ["https://172.16.5.4/", "blocked_address"],
    ["https://100.64.0.1/", "blocked_address"],
    ["http://[fe80::1]/", "blocked_address"],
    ["https://[fd00::1]/", "blocked_address"],
    ["https://[64:ff9b::a9fe:a9fe]/", "blocked_address"],
    ["https://[2002:7f00:1::]/", "blocked_address"],
    ["http://0.0.0.0/", "blocked_address"],
    ["http://localhost/", "blocked_address"],
    ["https://localhost:3000/", "blocked_address"],
    ["https://api.localhost/", "blocked_address"],
    ["ftp://example.com", "blocked_scheme"],
    ["file:///etc/passwd", "blocked_scheme"],
    ["https://user:pw@example.com", "userinfo"],
    ["https://example.com:22/", "blocked_port"],
    ["http://example.com/", "blocked_scheme"],
  ] as const)("%s → %s", async (url, code) => {
    expect(await refusal(() => egressFetch(url, {}, strict))).toBe(code);
  });

  it("refuses hosts outside allowedHosts", () => {
    const policy = { allowLoopback: false, allowedHosts: ["api.github.com"] };
    expect(checkUrl(new URL("https://api.github.com/user"), policy).mode).toBe("public");
    expect(() => checkUrl(new URL("https://evil.example/"), policy)).toThrow(/evil\.example/);
  });

  it("keeps http and odd ports to loopback even when loopback is allowed", async () => {
    const dev = { allowLoopback: true };
    // A hostname over http is only resolvable at connect time, where answers must be loopback.
    expect(checkUrl(new URL("http://example.com/"), dev).mode).toBe("loopback-only");
    expect(await refusal(() => egressFetch("http://10.0.0.1:8080/", {}, dev))).toBe(
      "blocked_address",
    );
    expect(await refusal(() => egressFetch("https://8.8.8.8:8443/", {}, dev))).toBe("blocked_port");
    expect(checkUrl(new URL("http://localhost:3000/x"), dev).mode).toBe("loopback-only");
    expect(checkUrl(new URL("https://api.github.com/"), dev).mode).toBe("allow-loopback");
  });

  it("never puts the query string or headers in error messages", async () => {
    const err = await egressFetch(
      "http://10.0.0.1/cb?code=SECRET123",
      { headers: { authorization: "Bearer TOKEN456" } },
      strict,
    ).then(
      () => new Error("expected a refusal"),
      (e: unknown) => e as Error,
    );
    expect(err.message).toContain("10.0.0.1");
    expect(err.message).not.toMatch(/SECRET123|TOKEN456/);
  });

  // dns.lookup answers IP literals locally, so these exercise the connect-time rule offline.
  it.each([
    ["public", "8.8.8.8", true],
    ["public", "127.0.0.1", false],
    ["public", "10.0.0.1", false],
    ["allow-loopback", "127.0.0.1", true],
    ["allow-loopback", "::1", true],
    ["allow-loopback", "192.168.0.1", false],
    ["loopback-only", "127.0.0.1", true],
    ["loopback-only", "8.8.8.8", false],
  ] as const)("lookup in %s mode: %s allowed=%s", async (mode, ip, allowed) => {
    const err = await new Promise<unknown>((resolve) => {
      guardedLookup(mode)(ip, { all: true }, (e) => resolve(e));
    });
    expect(err === null).toBe(allowed);
  });

  it("checks every DNS answer at connect time, over TLS too", async () => {
    const answer = await new Promise<unknown>((resolve) => {
      guardedLookup("public")("localhost", { all: true }, (err) => resolve(err));
    });
    expect(answer).toBeInstanceOf(EgressError);
    // Straight to the agent, bypassing the pre-check: the lookup still refuses before any connect.
    const err = await request("https://localhost:1/", { dispatcher: egressAgent("public") }).catch(
      (e: unknown) => e,
    );
    expect((err as EgressError).code).toBe("blocked_address");
  });
});

describe("isBlockedAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.9",
    "::1",
    "::",
    "0.0.0.0",
    "10.1.2.3",
    "172.31.255.255",
    "192.168.0.1",
    "169.254.169.254",
    "100.100.100.100",
    "224.0.0.1",
    "240.0.0.1",
    "255.255.255.255",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1%eth0",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:a9fe:a9fe",
    "::127.0.0.1",
    "64:ff9b::127.0.0.1",
    "64:ff9b::a00:1",
    "2002:a9fe:a9fe::1",
    "2002:c0a8:101::",
    "2001:db8::1",
    "not-an-ip",
  ])("%s is blocked", (ip) => {
    expect(isBlockedAddress(ip)).toBe(true);
  });

  it.each(["8.8.8.8", "140.82.112.3", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"])(
    "%s is allowed",
    (ip) => {
      expect(isBlockedAddress(ip)).toBe(false);
    },
  );

  it("recognises loopback in every spelling", () => {
    for (const ip of ["127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1", "::ffff:7f00:2"]) {
      expect(isLoopback(ip)).toBe(true);
    }
    for (const ip of ["10.0.0.1", "::", "::2", "0.0.0.0", "8.8.8.8"])
      expect(isLoopback(ip)).toBe(false);
  });

  const octet = fc.integer({ min: 0, max: 255 });
  const privateV4 = fc.oneof(
    fc.tuple(octet, octet, octet).map(([b, c, d]) => `10.${b}.${c}.${d}`),
    fc
      .tuple(fc.integer({ min: 16, max: 31 }), octet, octet)
      .map(([b, c, d]) => `172.${b}.${c}.${d}`),
    fc.tuple(octet, octet).map(([c, d]) => `192.168.${c}.${d}`),
    fc.tuple(octet, octet, octet).map(([b, c, d]) => `127.${b}.${c}.${d}`),
    fc.tuple(octet, octet).map(([c, d]) => `169.254.${c}.${d}`),
    fc
      .tuple(fc.integer({ min: 64, max: 127 }), octet, octet)
      .map(([b, c, d]) => `100.${b}.${c}.${d}`),
  );

  it("blocks every private IPv4, bare and IPv4-mapped (property)", () => {
    fc.assert(
      fc.property(privateV4, (ip) => isBlockedAddress(ip) && isBlockedAddress(`::ffff:${ip}`)),
    );
  });

  it("judges IPv4-mapped and NAT64 forms exactly like the IPv4 (property)", () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const v4 = isBlockedAddress(ip);
        return isBlockedAddress(`::ffff:${ip}`) === v4 && isBlockedAddress(`64:ff9b::${ip}`) === v4;
      }),
    );
  });
});

describe("resolveApiPath", () => {
  it.each([
    ["https://api.github.com", "/user", "https://api.github.com/user"],
    ["https://api.github.com/", "/user", "https://api.github.com/user"],
    ["https://api.github.com", "user/repos", "https://api.github.com/user/repos"],
    ["https://x.atlassian.net/rest/api/3", "/issue", "https://x.atlassian.net/rest/api/3/issue"],
    [
      "https://x.atlassian.net/rest/api/3/",
      "/issue/1",
      "https://x.atlassian.net/rest/api/3/issue/1",
    ],
    [
      "https://api.github.com",
      "/user/repos?per_page=5",
      "https://api.github.com/user/repos?per_page=5",
    ],
    [
      "https://api.github.com",
      "/search/users?q=a@b.c",
      "https://api.github.com/search/users?q=a@b.c",
    ],
    [
      "https://x.atlassian.net/rest/api/3",
      "/a/../issue",
      "https://x.atlassian.net/rest/api/3/issue",
    ],
  ])("%s + %s → %s", (base, endpoint, expected) => {
    expect(resolveApiPath(base, endpoint).href).toBe(expected);
  });

  it.each([
    "//evil.example",
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/x",
    "javascript:alert(1)",
    "/a/../../b",
    "/../x",
    "/%2e%2e/x",
    "/.%2E/x",
    "/x%5c..",
    "/a\u0000b",
    "/a\nb",
    "/user@evil.example",
    "/x#frag",
  ])("refuses %j", (endpoint) => {
    expect(() => resolveApiPath("https://api.github.com", endpoint)).toThrow(EgressError);
  });

  it("refuses climbing above a base path", () => {
    const base = "https://x.atlassian.net/rest/api/3";
    for (const endpoint of ["/api/../../x", "/../../../admin", "/%2e%2e/%2e%2e/secret"]) {
      const err = (() => {
        try {
          resolveApiPath(base, endpoint);
        } catch (e) {
          return e as EgressError;
        }
      })();
      expect(err?.code).toBe("bad_path");
    }
  });
});
