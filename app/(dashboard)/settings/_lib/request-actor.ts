// The signed-in operator as an audit actor, with the address the request came from.
import { headers } from "next/headers";
import type { OperatorContext } from "@/lib/auth/session";
import type { Actor } from "@/lib/core/deps";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/http/client-address";

/** `ctx.actor` plus the client address (the TCP peer, or what a trusted proxy says). */
export async function requestActor(ctx: OperatorContext): Promise<Actor> {
  return { ...ctx.actor, ip: clientAddress(await headers(), env().trustedProxies) };
}
