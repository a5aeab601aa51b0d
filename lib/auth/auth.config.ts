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
      if (user?.id) token.sub = user.id;
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
      return session;
    },
  },
} satisfies NextAuthConfig;

declare module "next-auth" {
  interface Session {
    projectId?: string;
  }
}
