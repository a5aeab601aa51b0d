// IP addresses as bytes: parsing (IPv4, IPv6, IPv4-mapped IPv6), canonical text, CIDR ranges.
import { isIPv4, isIPv6 } from "node:net";

/** 4 bytes for IPv4 (IPv4-mapped IPv6 included), 16 for IPv6. */
export type IpBytes = Uint8Array;

export interface IpRange {
  bytes: IpBytes;
  prefix: number;
}

function v4Bytes(text: string): IpBytes {
  return Uint8Array.from(text.split(".").map(Number));
}

function v6Bytes(text: string): IpBytes | null {
  let body = text;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(body)?.[1];
  if (tail) {
    const [a = 0, b = 0, c = 0, d = 0] = v4Bytes(tail);
    body = `${body.slice(0, -tail.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", rest] = body.split("::");
  const left = head ? head.split(":") : [];
  const right = rest ? rest.split(":") : [];
  const fill = rest === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(fill).fill("0"), ...right].map((g) => parseInt(g, 16));
  if (groups.length !== 8 || groups.some((g) => !(g >= 0 && g <= 0xffff))) return null;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

const isMapped = (b: IpBytes) =>
  b.length === 16 && b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;

/** Parse an IP literal (a zone such as `%eth0` is dropped); IPv4-mapped IPv6 becomes IPv4. Null when not an IP. */
export function parseIp(text: string): IpBytes | null {
  const addr = text.trim().replace(/%[^%]*$/, "");
  if (addr.length > 64) return null;
  if (isIPv4(addr)) return v4Bytes(addr);
  if (!isIPv6(addr)) return null;
  const bytes = v6Bytes(addr);
  if (!bytes) return null;
  return isMapped(bytes) ? bytes.slice(12) : bytes;
}

/** Canonical text: dotted IPv4, or RFC 5952 IPv6 (lower case, longest zero run as `::`). */
export function formatIp(bytes: IpBytes): string {
  if (bytes.length === 4) return Array.from(bytes).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.len < 2) return hex.join(":");
  return `${hex.slice(0, best.at).join(":")}::${hex.slice(best.at + best.len).join(":")}`;
}

/** True when the first `prefix` bits of both addresses are equal (and they are the same family). */
export function inRange(bytes: IpBytes, range: IpRange): boolean {
  if (bytes.length !== range.bytes.length) return false;
  const whole = range.prefix >> 3;
  for (let i = 0; i < whole; i++) if (bytes[i] !== range.bytes[i]) return false;
  const rest = range.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (bytes[whole]! & mask) === (range.bytes[whole]! & mask);
}

/** Parse `address` or `address/prefix`; an IPv4-mapped IPv6 range becomes the IPv4 range. Null when invalid. */
export function parseRange(text: string): IpRange | null {
  const [addr = "", bits, extra] = text.trim().split("/");
  if (extra !== undefined) return null;
  const mappedText = /^::ffff:/i.test(addr.trim());
  const bytes = parseIp(addr);
  if (!bytes || /%/.test(addr)) return null;
  const max = mappedText ? 128 : bytes.length * 8;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return null;
  let prefix = bits === undefined ? max : Number(bits);
  if (prefix > max) return null;
  if (mappedText) {
    // ::ffff:10.0.0.0/104 is 10.0.0.0/8; a shorter prefix would reach beyond IPv4.
    if (prefix < 96) return null;
    prefix -= 96;
  }
  return { bytes, prefix };
}

/** The /64 network of an IPv6 address (one subscriber's usual allocation); IPv4 unchanged. */
export function subscriberPrefix(bytes: IpBytes): string {
  if (bytes.length === 4) return formatIp(bytes);
  const net = new Uint8Array(16);
  net.set(bytes.subarray(0, 8));
  return `${formatIp(net)}/64`;
}
