// The address a request came from, for the audit log and the sign-in limiter (issue 11 item 9).
import { formatIp, inRange, parseIp, parseRange, type IpBytes, type IpRange } from "@/lib/net/ip";

/** Set by Keyport's front server to the TCP peer's address; any client-sent copy is deleted there. */
export const PEER_HEADER = "x-keyport-peer";

/** Ranges whose X-Forwarded-For is believed (KEYPORT_TRUSTED_PROXIES). */
export type TrustedProxies = readonly IpRange[];

// A real chain of proxies is a handful of hops; more is someone padding the header.
const MAX_HOPS = 32;

/** Formatted addresses of untrusted peers, per list of trusted proxies (see clientAddress). */
const untrustedPeers = new WeakMap<TrustedProxies, Map<string, string>>();
const MAX_REMEMBERED_PEERS = 1024;

/** Parse a comma list of IPs and CIDRs; throws naming every entry that is neither. */
export function parseTrustedProxies(list: string): IpRange[] {
  const entries = list
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !parseRange(e));
  if (bad.length > 0) {
    throw new Error(`not an IP address or CIDR range: ${bad.map((b) => `"${b}"`).join(", ")}`);
  }
  return entries.map((e) => parseRange(e)!);
}

// One X-Forwarded-For hop: an IP, also as `1.2.3.4:port`, `[v6]` or `[v6]:port`.
function parseHop(hop: string): IpBytes | null {
  const text = hop.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text)?.[1];
  if (bracketed) return parseIp(bracketed);
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(text)?.[1];
  return parseIp(v4WithPort ?? text);
}

/**
 * The client's address: the TCP peer, or — when the peer is a trusted proxy — the right-most
 * X-Forwarded-For hop that is not itself trusted (hops further left are whatever the client
 * wrote). "unknown" when the front server did not say who the peer is.
 */
export function clientAddress(
  headers: Pick<Headers, "get">,
  trustedProxies: TrustedProxies,
): string {
  const peerText = headers.get(PEER_HEADER) ?? "";
  // The usual case, an untrusted peer, depends on nothing else: remembered per peer (API clients
  // keep coming from the same few addresses; parsing and formatting cost more than the lookup).
  let known = untrustedPeers.get(trustedProxies);
  if (!known) untrustedPeers.set(trustedProxies, (known = new Map<string, string>()));
  const remembered = known.get(peerText);
  if (remembered) return remembered;
  const peer = parseIp(peerText);
  if (!peer) return "unknown";
  const trusted = (ip: IpBytes) => trustedProxies.some((range) => inRange(ip, range));
  let nearest = peer;
  if (!trusted(nearest)) {
    const formatted = formatIp(nearest);
    if (known.size >= MAX_REMEMBERED_PEERS) known.clear();
    known.set(peerText, formatted);
    return formatted;
  }
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").slice(-MAX_HOPS);
  if (hops.every((h) => !h.trim())) return formatIp(nearest);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseHop(hops[i]!);
    // A hop that is not an address cannot be followed: the last trusted proxy is all we know.
    if (!hop) return formatIp(nearest);
    if (!trusted(hop)) return formatIp(hop);
    nearest = hop;
  }
  return formatIp(nearest);
}
