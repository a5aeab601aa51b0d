// Optimistic redirect to sign-in for dashboard pages. NOT a security gate: every page,
// server action and route handler checks the session and role itself (SECURITY.md 25).
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export default function proxy(req: NextRequest): NextResponse {
  const signedIn = SESSION_COOKIES.some((name) => req.cookies.has(name));
  if (!signedIn) {
    const url = new URL("/sign-in", req.url);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  // Dashboard pages only: not the API, the connect page, the callback, sign-in, the sandbox's
  // pages (an end user's browser), the public API reference or static files.
  matcher: [
    "/((?!api|link|sign-in|sandbox/|docs/|_next|favicon.ico|.*\\.(?:svg|png|ico|css|js)$).*)",
  ],
};
