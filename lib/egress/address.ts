import { isIPv4, isIPv6 } from "node:net";

// [network, prefix length] pairs; every one is unreachable or non-public for a provider API.
const BLOCKED_V4: ReadonlyArray<readonly [string, number]> = [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // CGNAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // TEST-NET-1
  ["192.88.99.0", 24], // deprecated 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // TEST-NET-2
  ["203.0.113.0", 24], // TEST-NET-3
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, includes broadcast 255.255.255.255
];

function v4ToInt(ip: string): number {
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

const V4_RANGES = BLOCKED_V4.map(([net, bits]) => {
  const size = 2 ** (32 - bits);
  const start = v4ToInt(net);
  return [start, start + size - 1] as const;
});

function isBlockedV4Int(n: number): boolean {
  return V4_RANGES.some(([start, end]) => n >= start && n <= end);
}

// Expands a valid IPv6 string (optionally with a dotted IPv4 tail) into 8 16-bit groups.
function parseV6(ip: string): number[] | undefined {
  const addr = ip.replace(/%.*$/, "");
  if (!isIPv6(addr)) return undefined;
  let text = addr;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail?.[1]) {
    const n = v4ToInt(tail[1]);
    text = `${text.slice(0, -tail[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = "", rest] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = rest ? rest.split(":") : [];
  const zeros = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  const groups = [...left, ...zeros, ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 ? groups : undefined;
}

function embeddedV4(hi: number | undefined, lo: number | undefined): number {
  return (hi ?? 0) * 65536 + (lo ?? 0);
}

function isBlockedV6(g: number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6, g7] = g;
  const upper80Zero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  // ::/96 (unspecified, loopback, deprecated IPv4-compatible) is never a valid destination.
  if (upper80Zero && g5 === 0) return true;
  // ::ffff:0:0/96 (IPv4-mapped): judge the embedded IPv4.
  if (upper80Zero && g5 === 0xffff) return isBlockedV4Int(embeddedV4(g6, g7));
  // ::ffff:0:a.b.c.d (SIIT) and 64:ff9b::/96 (NAT64) embed an IPv4 in the low 32 bits.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0) {
    return isBlockedV4Int(embeddedV4(g6, g7));
  }
  if (g0 === 0x64 && g1 === 0xff9b) {
    const wellKnown = g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0;
    return wellKnown ? isBlockedV4Int(embeddedV4(g6, g7)) : true; // 64:ff9b:1::/48 is local-use
  }
  if (g0 === 0x2002) return isBlockedV4Int(embeddedV4(g1, g2)); // 6to4
  if (g0 === 0x2001 && g1 === 0) return true; // Teredo hides an obfuscated IPv4
  if (g0 === 0x2001 && g1 === 0x0db8) return true; // documentation
  if (g0 === 0x2001 && g1 >= 0x10 && g1 <= 0x2f) return true; // ORCHID v1/v2
  if (g0 === 0x3fff && g1 <= 0x0fff) return true; // documentation 3fff::/20
  // Only 2000::/3 is global unicast: fc00::/7, fe80::/10, ff00::/8 and friends all fall outside.
  return (g0 & 0xe000) !== 0x2000;
}

// True when an address must never be reached by a provider call (non-IP input is refused too).
export function isBlockedAddress(ip: string): boolean {
  if (isIPv4(ip)) return isBlockedV4Int(v4ToInt(ip));
  const groups = parseV6(ip);
  return groups ? isBlockedV6(groups) : true;
}

// True for 127.0.0.0/8, ::1 and IPv4-mapped 127.0.0.0/8.
export function isLoopback(ip: string): boolean {
  if (isIPv4(ip)) return ip.startsWith("127.");
  const g = parseV6(ip);
  if (!g) return false;
  const upper80Zero = g.slice(0, 5).every((x) => x === 0);
  if (upper80Zero && g[5] === 0 && g[6] === 0) return g[7] === 1;
  return upper80Zero && g[5] === 0xffff && (g[6] ?? 0) >> 8 === 127;
}

// True for names that RFC 6761 pins to loopback ("localhost", "*.localhost", trailing dot allowed).
export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost");
}
