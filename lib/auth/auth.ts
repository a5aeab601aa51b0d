// Full Auth.js setup: operators sign in with email + password (argon2id), rate limited.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { verifySignIn } from "@/lib/core/operators";
import { env } from "@/lib/env";
import { deps } from "@/lib/server/runtime";
import { authConfig } from "./auth.config";

/** Thrown when an email is temporarily locked; the code carries the wait in seconds. */
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
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        const result = await verifySignIn(await deps(), parsed.data);
        if (result.ok)
          return {
            id: result.operator.id,
            email: result.operator.email,
            name: result.operator.name,
            sessionEpoch: result.operator.sessionEpoch,
            projectId: parsed.data.projectId,
          };
        if (result.reason === "locked") throw new RateLimited(result.retryAfterSeconds);
        return null;
      },
    }),
  ],
}));
