// The signed-in operator as an audit actor, with the address the request came from.
import { headers } from "next/headers";
import type { OperatorContext } from "@/lib/auth/session";
import type { Actor } from "@/lib/core/deps";

/** `ctx.actor` plus the client IP (first X-Forwarded-For hop; Next sets it from the socket when absent). */
export async function requestActor(ctx: OperatorContext): Promise<Actor> {
  const forwarded = (await headers()).get("x-forwarded-for");
  const ip = forwarded?.split(",")[0]?.trim().slice(0, 64);
  return ip ? { ...ctx.actor, ip } : ctx.actor;
}
