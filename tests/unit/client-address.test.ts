import { isIP } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies, PEER_HEADER } from "@/lib/http/client-address";
import { formatIp, parseIp } from "@/lib/net/ip";

const headers = (h: Record<string, string>) => new Headers(h);
const PROXIES = parseTrustedProxies("10.0.0.0/8, 192.168.1.5, fd00::/8, ::1");

// Any value a client can send: bytes 1–255 without CR and LF (Headers refuses those itself),
// salted with the characters an X-Forwarded-For parser trips on.
const headerText = fc
  .array(
    fc.oneof(
      fc.integer({ min: 1, max: 255 }).map((c) => String.fromCharCode(c)),
      fc.constantFrom(",", " ", ":", "[", "]", ".", "%", "/", "::ffff:", "10.0.0.1", "::1"),
    ),
    { maxLength: 80 },
  )
  .map((parts) =>
    parts
      .join("")
      .replace(/[\r\n]/g, "")
      .trim(),
  );

const publicV4 = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 }))
  .map((p) => p.join("."));
const trustedV4 = fc
  .tuple(fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 }))
  .map((p) => `10.${p.join(".")}`);

describe("clientAddress (issue 11 item 9)", () => {
  it("is 'unknown' without the front server's peer header, whatever X-Forwarded-For says", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "1.2.3.4" }), PROXIES)).toBe("unknown");
    expect(clientAddress(headers({}), PROXIES)).toBe("unknown");
    expect(clientAddress(headers({ [PEER_HEADER]: "not an address" }), PROXIES)).toBe("unknown");
  });

  it("is the peer when the peer is not a trusted proxy, for any X-Forwarded-For (property)", () => {
    fc.assert(
      fc.property(publicV4, headerText, (peer, xff) => {
        const h = headers({ [PEER_HEADER]: peer, "x-forwarded-for": xff });
        expect(clientAddress(h, PROXIES)).toBe(peer);
        expect(clientAddress(h, [])).toBe(peer);
      }),
    );
  });

  it("behind trusted proxies is the right-most untrusted hop; what the client wrote further left never counts (property)", () => {
    fc.assert(
      fc.property(
        fc.array(headerText, { maxLength: 5 }),
        publicV4,
        fc.array(trustedV4, { maxLength: 4 }),
        trustedV4,
        (spoofed, client, proxies, peer) => {
          const xff = [...spoofed, client, ...proxies].join(", ");
          const h = headers({ [PEER_HEADER]: peer, "x-forwarded-for": xff });
          expect(clientAddress(h, PROXIES)).toBe(client);
        },
      ),
    );
  });

  it("always answers an address or 'unknown', for hostile peer and forwarded values (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(headerText, trustedV4, fc.constant("::ffff:10.1.2.3")),
        headerText,
        (peer, xff) => {
          const out = clientAddress(
            headers({ [PEER_HEADER]: peer, "x-forwarded-for": xff }),
            PROXIES,
          );
          expect(out === "unknown" || isIP(out) !== 0).toBe(true);
          expect(out.length).toBeLessThanOrEqual(39);
        },
      ),
    );
  });

  it("takes the peer itself when a trusted proxy sent no X-Forwarded-For", () => {
    expect(clientAddress(headers({ [PEER_HEADER]: "10.0.0.7" }), PROXIES)).toBe("10.0.0.7");
    expect(
      clientAddress(headers({ [PEER_HEADER]: "10.0.0.7", "x-forwarded-for": " , " }), PROXIES),
    ).toBe("10.0.0.7");
  });

  it("stops at a hop that is not an address and answers the last trusted proxy", () => {
    const h = headers({ [PEER_HEADER]: "10.0.0.7", "x-forwarded-for": "8.8.8.8, evil, 10.0.0.9" });
    expect(clientAddress(h, PROXIES)).toBe("10.0.0.9");
  });

  it("handles IPv4-mapped IPv6 peers and hops, IPv6 ranges, ports and brackets", () => {
    // Node reports IPv4 clients of a dual-stack socket as ::ffff:a.b.c.d.
    expect(clientAddress(headers({ [PEER_HEADER]: "::ffff:203.0.113.9" }), PROXIES)).toBe(
      "203.0.113.9",
    );
    const mapped = headers({ [PEER_HEADER]: "::ffff:10.1.1.1", "x-forwarded-for": "198.51.100.4" });
    expect(clientAddress(mapped, PROXIES)).toBe("198.51.100.4");
    const v6 = headers({
      [PEER_HEADER]: "FD00::1",
      "x-forwarded-for": "[2001:DB8::5]:443, ::ffff:192.168.1.5, ::1",
    });
    expect(clientAddress(v6, PROXIES)).toBe("2001:db8::5");
    const withPort = headers({ [PEER_HEADER]: "::1", "x-forwarded-for": "198.51.100.4:5123" });
    expect(clientAddress(withPort, PROXIES)).toBe("198.51.100.4");
  });

  it("answers the left-most hop when every hop is a trusted proxy", () => {
    const h = headers({ [PEER_HEADER]: "10.0.0.1", "x-forwarded-for": "10.0.0.3, 10.0.0.2" });
    expect(clientAddress(h, PROXIES)).toBe("10.0.0.3");
  });
});

describe("KEYPORT_TRUSTED_PROXIES parsing", () => {
  it("accepts IPv4, IPv6 and IPv4-mapped addresses and CIDRs", () => {
    const ranges = parseTrustedProxies(
      " 10.0.0.0/8 ,, 2001:db8::/32, ::ffff:172.16.0.0/108, 127.0.0.1 ",
    );
    expect(ranges.map((r) => `${formatIp(r.bytes)}/${r.prefix}`)).toEqual([
      "10.0.0.0/8",
      "2001:db8::/32",
      "172.16.0.0/12",
      "127.0.0.1/32",
    ]);
    expect(parseTrustedProxies("")).toEqual([]);
  });

  it("refuses entries that are not addresses or ranges, naming each", () => {
    for (const bad of [
      "10.0.0.0/33",
      "::/129",
      "10.0.0.0/-1",
      "10.0.0.0/8/8",
      "localhost",
      "1.2.3",
      "::ffff:10.0.0.0/64",
      "10.0.0.1%eth0",
      "10.0.0.0/",
    ]) {
      expect(() => parseTrustedProxies(`10.0.0.1, ${bad}`), bad).toThrow(`"${bad}"`);
    }
  });
});

describe("IP text", () => {
  it("formats IPv6 canonically (RFC 5952) and round-trips any address (property)", () => {
    expect(formatIp(parseIp("2001:0DB8:0:0:1:0:0:1")!)).toBe("2001:db8::1:0:0:1");
    expect(formatIp(parseIp("0:0:0:0:0:0:0:1")!)).toBe("::1");
    expect(formatIp(parseIp("fe80::1%eth0")!)).toBe("fe80::1");
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (ip) => {
        const bytes = parseIp(ip);
        expect(bytes).not.toBeNull();
        const text = formatIp(bytes!);
        expect(isIP(text)).not.toBe(0);
        expect(formatIp(parseIp(text)!)).toBe(text);
      }),
    );
  });
});
