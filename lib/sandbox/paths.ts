/** Where Keyport's front serves the sandbox's browser pages (see lib/http/sandbox-proxy.ts). */
export const SANDBOX_BROWSER_PREFIX = "/sandbox";
