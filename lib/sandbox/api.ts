import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { z } from "zod";
import { HttpError, readJson, sendEmpty, sendJson } from "./http";
import { NotesStore } from "./notes";
import { openApiDocument } from "./openapi";
import { API_SCOPES, apiResource } from "./provider";

export const API_KEY_USERNAME = "apikey_user";
const BODY_LIMIT = 1024 * 1024;

interface Principal {
  sub: string;
  scopes: ReadonlySet<string>;
}

const newNote = z.object({
  title: z.string().min(1).max(200),
  body: z.string().max(10_000).optional(),
});
const limitParam = z.coerce.number().int().min(1).max(100).default(50);

type ApiHandler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;

/** Builds the /api/* handler; it returns false for paths outside /api. */
export function createApi(opts: { provider: Provider; issuer: string; apiKeys: string[] }) {
  const notes = new NotesStore();
  const keyDigests = opts.apiKeys.map(digest);
  const audience = apiResource(opts.issuer);

  // Same checks as the provider's RFC 7662 introspection endpoint, done in-process.
  async function fromBearer(token: string): Promise<Principal | undefined> {
    const { provider } = opts;
    const at = await provider.AccessToken.find(token);
    if (!at?.isValid || at.jkt || at["x5t#S256"]) return undefined;
    const grant = await provider.Grant.find(at.grantId, { ignoreExpiration: true });
    if (!grant || grant.isExpired) return undefined;
    if (grant.clientId !== at.clientId || grant.accountId !== at.accountId) return undefined;
    const aud = Array.isArray(at.aud) ? at.aud : [at.aud];
    if (!aud.includes(audience)) return undefined;
    return { sub: at.accountId, scopes: at.scopes };
  }

  function fromApiKey(key: string): Principal | undefined {
    const d = digest(key);
    const ok = keyDigests.reduce((found, k) => timingSafeEqual(k, d) || found, false);
    return ok ? { sub: API_KEY_USERNAME, scopes: new Set(API_SCOPES) } : undefined;
  }

  async function authenticate(req: IncomingMessage): Promise<Principal> {
    const authorization = req.headers.authorization;
    const apiKey = req.headers["x-api-key"];
    let principal: Principal | undefined;
    if (authorization !== undefined) {
      const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(authorization);
      principal = match?.[1] ? await fromBearer(match[1]) : undefined;
    } else if (typeof apiKey === "string") {
      principal = fromApiKey(apiKey);
    }
    if (!principal) {
      const what = (authorization ?? apiKey) ? "invalid, expired or revoked" : "missing";
      throw new HttpError(401, "invalid_token", `Credentials are ${what}.`);
    }
    return principal;
  }

  const handler: ApiHandler = async (req, res, path) => {
    if (path !== "/api" && !path.startsWith("/api/")) return false;
    try {
      await route(req, res, path);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const headers = { ...err.headers };
      if (err.status === 401) headers["www-authenticate"] = 'Bearer error="invalid_token"';
      if (err.status === 403) headers["www-authenticate"] = 'Bearer error="insufficient_scope"';
      if (err.status === 413) headers.connection = "close";
      sendJson(res, err.status, { error: err.code, message: err.message }, headers);
    }
    return true;
  };

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const url = new URL(req.url ?? "/", opts.issuer);
    const method = req.method ?? "GET";
    const noteMatch = /^\/api\/notes\/([^/]+)$/.exec(path);

    if (path === "/api/openapi.json") {
      allow(method, ["GET"]);
      return sendJson(res, 200, openApiDocument(opts.issuer));
    }
    if (path === "/api/me") {
      allow(method, ["GET"]);
      const { sub } = await authenticate(req);
      return sendJson(res, 200, { id: sub, username: sub, name: sub });
    }
    if (path === "/api/notes") {
      allow(method, ["GET", "POST"]);
      if (method === "GET") {
        const user = need(await authenticate(req), "notes:read");
        const limit = limitParam.safeParse(url.searchParams.get("limit") ?? undefined);
        if (!limit.success) {
          throw new HttpError(400, "invalid_request", "limit must be an integer from 1 to 100.");
        }
        return sendJson(res, 200, { items: notes.list(user.sub, limit.data) });
      }
      const user = need(await authenticate(req), "notes:write");
      const input = newNote.safeParse(await readJson(req, BODY_LIMIT));
      if (!input.success) throw new HttpError(400, "invalid_request", describe(input.error));
      return sendJson(res, 201, notes.create(user.sub, input.data));
    }
    if (noteMatch?.[1]) {
      allow(method, ["DELETE"]);
      const user = need(await authenticate(req), "notes:write");
      if (!notes.delete(user.sub, safeDecode(noteMatch[1]))) {
        throw new HttpError(404, "not_found", "Note not found.");
      }
      return sendEmpty(res, 204);
    }
    throw new HttpError(404, "not_found", `No route for ${method} ${path}.`);
  }

  return handler;
}

function need(principal: Principal, scope: string): Principal {
  if (!principal.scopes.has(scope)) {
    throw new HttpError(403, "insufficient_scope", `This call needs the ${scope} scope.`);
  }
  return principal;
}

function allow(method: string, methods: string[]): void {
  if (!methods.includes(method)) {
    const allowed = methods.join(", ");
    throw new HttpError(405, "method_not_allowed", `Allowed: ${allowed}.`, { allow: allowed });
  }
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
