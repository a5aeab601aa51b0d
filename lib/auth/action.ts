// Server-action wrapper: schema → session and role → run → `{ ok, data } | { ok: false, error }`.
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { AppError } from "@/lib/core/errors";
import type { Permission } from "@/lib/core/roles";
import { env } from "@/lib/env";
import { toAppError, zodMessage } from "@/lib/http/api-errors";
import { clientAddress } from "@/lib/http/client-address";
import { randomToken } from "@/lib/crypto";
import { authorize, type OperatorContext } from "./session";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string };

/**
 * Define a server action body that always re-checks authorization itself. `ctx.actor` carries the
 * client address (the TCP peer, or what a trusted proxy says) for the audit log.
 */
export function defineAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  run: (ctx: OperatorContext, input: z.infer<S>) => Promise<T>,
  options: { whilePasswordMustChange?: boolean } = {},
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    try {
      const ctx = await authorize(permission, options);
      const parsed = schema.safeParse(input);
      if (!parsed.success) return { ok: false, error: zodMessage(parsed.error) };
      const ip = clientAddress(await headers(), env().trustedProxies);
      return { ok: true, data: await run({ ...ctx, actor: { ...ctx.actor, ip } }, parsed.data) };
    } catch (err) {
      unstable_rethrow(err);
      const e = err instanceof AppError ? err : toAppError(err, `act_${randomToken(6)}`);
      return { ok: false, error: e.message };
    }
  };
}
