import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { Agent } from "undici";
import { isBlockedAddress, isLoopback } from "./address";
import { EgressError } from "./errors";
import type { LookupMode } from "./policy";

function addressAllowed(ip: string, mode: LookupMode): boolean {
  if (mode === "loopback-only") return isLoopback(ip);
  if (!isBlockedAddress(ip)) return true;
  return mode === "allow-loopback" && isLoopback(ip);
}

// A net.connect lookup that resolves every address and fails if any answer is not allowed.
export function guardedLookup(mode: LookupMode): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : options.family;
    dnsLookup(hostname, { all: true, family, hints: options.hints }, (err, answers) => {
      if (err) {
        callback(err, "", 0);
        return;
      }
      const list: LookupAddress[] = answers;
      const first = list[0];
      if (!first || list.some((a) => !addressAllowed(a.address, mode))) {
        const msg = `${hostname} resolves to a blocked address`;
        callback(new EgressError("blocked_address", msg), "", 0);
        return;
      }
      // net.connect asks for all addresses when autoSelectFamily (happy eyeballs) is on.
      if (options.all) callback(null, list);
      else callback(null, first.address, first.family);
    });
  };
}

const agents = new Map<LookupMode, Agent>();

// One keep-alive Agent per DNS rule, shared by every call; redirects are never followed by it.
export function egressAgent(mode: LookupMode): Agent {
  let agent = agents.get(mode);
  if (!agent) {
    agent = new Agent({
      connect: { lookup: guardedLookup(mode), timeout: 10_000 },
      keepAliveTimeout: 4_000,
      maxRedirections: 0,
    });
    agents.set(mode, agent);
  }
  return agent;
}
