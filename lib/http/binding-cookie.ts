// The browser-binding cookie (SECURITY.md 2): HttpOnly, SameSite=Lax; Secure and __Host- over https.
import { randomToken } from "@/lib/crypto";

export function bindingCookieName(publicUrl: string): string {
  return publicUrl.startsWith("https:") ? "__Host-kp_bind" : "kp_bind";
}

/** Read the binding value from a Cookie header. */
export function readBinding(req: Request, publicUrl: string): string | undefined {
  const name = bindingCookieName(publicUrl);
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=") || undefined;
  }
  return undefined;
}

/** The existing binding value or a new one, with the Set-Cookie header to send. */
export function ensureBinding(
  req: Request,
  publicUrl: string,
  ttlSeconds: number,
): { value: string; setCookie: string } {
  const value = readBinding(req, publicUrl) ?? randomToken(32);
  const secure = publicUrl.startsWith("https:") ? "; Secure" : "";
  return {
    value,
    setCookie: `${bindingCookieName(publicUrl)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${ttlSeconds + 120}${secure}`,
  };
}

/** Headers every connect-flow response carries (SECURITY.md 6). */
export const FLOW_HEADERS = {
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
  "x-frame-options": "DENY",
  "content-security-policy": "frame-ancestors 'none'",
} as const;

/** A plain, self-contained HTML page for flow errors (no third-party resources). */
export function flowErrorPage(title: string, message: string, status = 400): Response {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;display:grid;place-items:center;min-height:100vh;margin:0}main{background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:32px;max-width:420px}h1{font-size:20px;margin:0 0 8px}p{color:#475569;line-height:1.5}</style></head><body><main><h1>${esc(title)}</h1><p>${esc(message)}</p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", ...FLOW_HEADERS },
  });
}
