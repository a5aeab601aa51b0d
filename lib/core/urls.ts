// URL checks for values operators type (integration overrides): https on a public host.
import dns from "node:dns/promises";
import net from "node:net";
import { isBlockedAddress } from "@/lib/egress";

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
