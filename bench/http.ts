// HTTP helpers for the bench: JSON calls with the API key, and a one-origin cookie jar.

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Remember the Set-Cookie headers of a response (deleted / expired cookies are dropped). */
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some(
        (a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\s*$/i.test(a),
      );
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** fetch with this jar, no automatic redirects. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.header());
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    this.take(res);
    return res;
  }
}

/** A JSON client for Keyport's API with one API key. */
export function apiClient(base: string, apiKey: string) {
  return async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        "x-api-key": apiKey,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text for the error message
    }
    return { status: res.status, body: parsed as T };
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/** The Default project's auth config id for an app. */
export async function authConfigId(api: ApiClient, app: string): Promise<string> {
  const r = await api<{ items?: Array<{ id: string }> }>(
    "GET",
    `/api/v3.1/auth_configs?toolkit_slug=${app}`,
  );
  const id = r.body.items?.[0]?.id;
  if (r.status !== 200 || !id) {
    throw new Error(`no auth config for ${app}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  }
  return id;
}

/** Short text of a body for error messages. */
export const brief = (body: unknown) =>
  (typeof body === "string" ? body : JSON.stringify(body)).slice(0, 400);
