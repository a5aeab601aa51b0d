// Full Auth.js setup: operators sign in with email + password (argon2id), rate limited per client;
// each sign-in opens a server-side session that sign-out ends (lib/core/operator-sessions.ts).
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { createOperatorSession, endOperatorSession } from "@/lib/core/operator-sessions";
import { verifySignIn } from "@/lib/core/operators";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/http/client-address";
import { deps } from "@/lib/server/runtime";
import { authConfig, SESSION_MAX_AGE_SECONDS } from "./auth.config";
import { authLogger } from "./logger";

/** Thrown when a client must wait; the code carries the wait in seconds. */
class RateLimited extends CredentialsSignin {
  constructor(seconds: number) {
    super();
    this.code = `rate_limited_${seconds}`;
  }
}

const credentials = z.object({
  email: z.string().trim().email().max(200),
  password: z.string().min(1).max(200),
  // The project to open; only a selection (membership is re-checked on every request).
  projectId: z.string().max(100).optional(),
});

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(() => ({
  ...authConfig,
  secret: env().authSecret,
  logger: authLogger,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      // `request` carries the original headers, for the server action and the Auth.js route alike.
      async authorize(raw, request) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        const d = await deps();
        const client = clientAddress(request.headers, env().trustedProxies);
        const result = await verifySignIn(d, { ...parsed.data, client });
        if (result.ok) {
          const sessionId = await createOperatorSession(d, {
            operatorId: result.operator.id,
            maxAgeSeconds: SESSION_MAX_AGE_SECONDS,
          });
          return {
            id: result.operator.id,
            email: result.operator.email,
            name: result.operator.name,
            sessionEpoch: result.operator.sessionEpoch,
            sessionId,
            projectId: parsed.data.projectId,
          };
        }
        if (result.reason === "locked") throw new RateLimited(result.retryAfterSeconds);
        return null;
      },
    }),
  ],
  events: {
    // Both ways out (the dashboard's sign-out action and POST /api/auth/signout) end up here.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await endOperatorSession(await deps(), sid);
    },
  },
}));
