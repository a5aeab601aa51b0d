import { isIP } from "node:net";
import { isBlockedAddress, isLocalhostName, isLoopback } from "./address";
import { EgressError } from "./errors";

// What one caller may reach; loopback is for dev and tests only.
export interface EgressPolicy {
  allowLoopback: boolean;
  /** Exact hostnames; when set, any other host is refused. */
  allowedHosts?: string[];
  /** Whole-call cap including redirects and body; default 15000. */
  timeoutMs?: number;
  /** Default 10 MiB. */
  maxResponseBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

// Which connect-time DNS rule a request needs.
export type LookupMode = "public" | "allow-loopback" | "loopback-only";

// A URL that passed the pre-connect checks, with the DNS rule to enforce when connecting.
export interface CheckedTarget {
  url: URL;
  mode: LookupMode;
}

// Hostname without IPv6 brackets.
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
}

// Checks scheme, userinfo, host allow-list, IP literals and port before any connection is made.
export function checkUrl(url: URL, policy: EgressPolicy): CheckedTarget {
  const host = bareHostname(url);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new EgressError("blocked_scheme", `scheme ${url.protocol} is not allowed (${host})`);
  }
  if (url.username || url.password) {
    throw new EgressError("userinfo", `credentials in the URL are not allowed (${host})`);
  }
  const literal = isIP(host) !== 0;
  const loopback = literal ? isLoopback(host) : isLocalhostName(host);
  // net.connect never calls lookup for IP literals, so they are judged here.
  if ((literal && isBlockedAddress(host)) || isLocalhostName(host)) {
    if (!(policy.allowLoopback && loopback)) {
      throw new EgressError("blocked_address", `${host} is a blocked address`);
    }
  }
  if (policy.allowedHosts && !policy.allowedHosts.some((h) => h.toLowerCase() === host)) {
    throw new EgressError("blocked_host", `${host} is not an allowed host`);
  }
  // Plain http and non-standard ports are only for loopback; hostnames are then held to
  // loopback-only answers at connect time.
  const offStandard = url.protocol === "http:" || url.port !== "";
  if (offStandard && !(policy.allowLoopback && (loopback || !literal))) {
    const code = url.protocol === "http:" ? "blocked_scheme" : "blocked_port";
    const what = code === "blocked_scheme" ? "plain http" : `port ${url.port}`;
    throw new EgressError(code, `${what} is only allowed to loopback (${host})`);
  }
  const mode: LookupMode = offStandard
    ? "loopback-only"
    : policy.allowLoopback
      ? "allow-loopback"
      : "public";
  return { url, mode };
}
