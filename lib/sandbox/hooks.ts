import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { KoaContextWithOIDC } from "oidc-provider";
import { z } from "zod";
import { HttpError, readJson, sendJson } from "./http";
import type { SandboxStore } from "./store";

// Test hooks under /__sandbox/. The sandbox listens on 127.0.0.1 only; these let tests
// count token requests and simulate an upstream revoking a user's access.

const COUNTED_GRANTS = ["authorization_code", "refresh_token"] as const;
type CountedGrant = (typeof COUNTED_GRANTS)[number];

export interface SandboxStats {
  token_requests: Record<CountedGrant, number>;
  revocations: number;
}

/**
 * Counts token and revocation endpoint requests, and appends the reason of an `invalid_grant`
 * (only reported on the `grant.error` event) to its error_description, e.g.
 * "grant request is invalid (refresh token already used)".
 */
export function instrumentProvider(provider: Provider): SandboxStats {
  const stats: SandboxStats = {
    token_requests: { authorization_code: 0, refresh_token: 0 },
    revocations: 0,
  };
  const reasons = new WeakMap<object, string>();
  provider.on("grant.error", (ctx: object, err: { error_detail?: unknown }) => {
    if (typeof err.error_detail === "string") reasons.set(ctx, err.error_detail);
  });
  provider.use(async (ctx, next) => {
    try {
      await next();
    } finally {
      // ctx.oidc is set by the provider's own middleware by the time next() settles.
      const oidc = (ctx as Partial<KoaContextWithOIDC>).oidc;
      const route = oidc?.route;
      if (route === "token") {
        const grantType: unknown = oidc?.body?.grant_type;
        const counted = COUNTED_GRANTS.find((g) => g === grantType);
        if (counted) stats.token_requests[counted] += 1;
        explain(ctx.body, reasons.get(ctx));
      } else if (route === "revocation") {
        stats.revocations += 1;
      }
    }
  });
  return stats;
}

function explain(body: unknown, reason: string | undefined): void {
  if (!reason || !body || typeof body !== "object") return;
  const out = body as { error?: unknown; error_description?: unknown };
  if (out.error === "invalid_grant" && typeof out.error_description === "string") {
    out.error_description = `${out.error_description} (${reason})`;
  }
}

const revokeBody = z.object({ username: z.string().min(1) });

/** Serves /__sandbox/stats and /__sandbox/revoke-grants; false for other paths. */
export function createHooks(stats: SandboxStats, store: SandboxStore) {
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (!path.startsWith("/__sandbox/")) return false;
    try {
      if (path === "/__sandbox/stats" && req.method === "GET") {
        sendJson(res, 200, stats);
      } else if (path === "/__sandbox/revoke-grants" && req.method === "POST") {
        const body = revokeBody.safeParse(await readJson(req, 64 * 1024));
        if (!body.success) throw new HttpError(400, "invalid_request", "Send {username}.");
        const grantIds = store.grantIdsForAccount(body.data.username);
        for (const id of grantIds) store.revokeGrant(id);
        sendJson(res, 200, { revoked: grantIds.length });
      } else {
        throw new HttpError(404, "not_found", "Unknown sandbox hook.");
      }
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      sendJson(res, err.status, { error: err.code, message: err.message });
    }
    return true;
  };
}
