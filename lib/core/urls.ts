// URL checks for values operators type (integration overrides): https on a public host.
import dns from "node:dns/promises";
import net from "node:net";
import { isBlockedAddress, isLocalhostName, isLoopback } from "@/lib/egress";

/**
 * Whether a URL names this machine (http or https on 127.0.0.0/8, ::1 or localhost), without
 * credentials: accepted as an override only where loopback egress is allowed (development and
 * tests, KEYPORT_ALLOW_LOOPBACK_EGRESS), like webhook endpoint URLs.
 */
export function isLoopbackUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if ((u.protocol !== "https:" && u.protocol !== "http:") || u.username || u.password) return false;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  return net.isIP(host) ? isLoopback(host) : isLocalhostName(host);
}

/** Whether a URL is https and its host (literal or every DNS answer) is public. Unresolvable hosts pass: egress re-checks at call time. */
export async function isPublicUrl(raw: string): Promise<boolean> {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.protocol !== "https:" || u.username || u.password) return false;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host)) return !isBlockedAddress(host);
  if (host === "localhost" || host.endsWith(".localhost")) return false;
  try {
    const answers = await dns.lookup(host, { all: true });
    return answers.every((a) => !isBlockedAddress(a.address));
  } catch {
    return true;
  }
}
