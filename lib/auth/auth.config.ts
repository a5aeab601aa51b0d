// Edge-safe part of the Auth.js config: pages, session lifetime, JWT ↔ session mapping.
import type { NextAuthConfig } from "next-auth";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const authConfig = {
  trustHost: true,
  pages: { signIn: "/sign-in" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  providers: [],
  callbacks: {
    jwt({ token, user, trigger, session }) {
      // `user` is only present at sign-in (from authorize); a client's update() payload
      // arrives as `session` and can never set the epoch.
      if (user) {
        if (user.id) token.sub = user.id;
        token.sessionEpoch = user.sessionEpoch;
        token.sid = user.sessionId;
        if (user.projectId) token.projectId = user.projectId;
      }
      if (
        trigger === "update" &&
        session &&
        typeof session === "object" &&
        "projectId" in session
      ) {
        const projectId = (session as { projectId?: unknown }).projectId;
        // Only the id is stored here; membership is re-checked on every request.
        if (typeof projectId === "string") token.projectId = projectId;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.projectId = typeof token.projectId === "string" ? token.projectId : undefined;
      // Sessions minted before epochs existed carry none: they count as epoch 0.
      session.sessionEpoch = typeof token.sessionEpoch === "number" ? token.sessionEpoch : 0;
      // Sessions minted before server-side sessions existed carry none: they are refused.
      session.sessionId = typeof token.sid === "string" ? token.sid : undefined;
      return session;
    },
  },
} satisfies NextAuthConfig;

declare module "next-auth" {
  interface Session {
    projectId?: string;
    /** The operator's session epoch at sign-in; compared with the database on every request. */
    sessionEpoch: number;
    /** The server-side session (operator_sessions); sign-out deletes it. */
    sessionId?: string;
  }
  interface User {
    sessionEpoch?: number;
    sessionId?: string;
    projectId?: string;
  }
}
