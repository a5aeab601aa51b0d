// Auth.js's logger. Its default prints a stack trace for every wrong password; a refused sign-in
// is expected and verifySignIn already logged it in one line.
import { logError, logInfo } from "@/lib/log";

// Auth.js errors a hostile or mistaken client causes (its own list of client-safe types).
const CLIENT_CAUSED = new Set([
  "CredentialsSignin",
  "MissingCSRF",
  "AccessDenied",
  "Verification",
  "UnknownAction",
  "InvalidCallbackUrl",
]);

const typeOf = (error: Error) => (error as Error & { type?: unknown }).type;

export const authLogger = {
  error(error: Error): void {
    const type = typeOf(error);
    if (type === "CredentialsSignin") return;
    if (typeof type === "string" && CLIENT_CAUSED.has(type)) {
      logInfo("auth request refused", { type });
      return;
    }
    logError("auth error", error);
  },
  warn(code: string): void {
    logInfo("auth warning", { warning: code });
  },
};
