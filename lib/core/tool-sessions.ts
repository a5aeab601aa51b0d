// Tool-router sessions (issue 12): one entity's tools for an agent, scoped and expiring.
// The token (kps_ + 192 random bits) is shown once and stored as a keyed hash (SECURITY.md 14's rule
// for API keys); an agent process holding it never holds the project API key.
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { toolSessions, type ToolSession } from "@/db/schema";
import { appsWithActions, getAction, listActions } from "@/lib/actions/registry";
import { keyedHash, randomToken } from "@/lib/crypto";
import { getConnection } from "./connections";
import type { Actor, Deps } from "./deps";
import { checkEntityId } from "./entities";
import { AppError } from "./errors";

export const DEFAULT_SESSION_TTL_SECONDS = 3600;
export const MAX_SESSION_TTL_SECONDS = 24 * 3600;
/** Above this many tools a session defaults to meta mode (search, schemas, execute). */
export const DIRECT_MODE_MAX_TOOLS = 100;
const TOKEN_PATTERN = /^kps_[A-Za-z0-9_-]{32}$/;
const LAST_USED_GRANULARITY_MS = 60_000;

export type SessionMode = "direct" | "meta";

export interface ToolSessionView {
  id: string;
  userId: string;
  toolkits: string[];
  tools: string[] | null;
  connectedAccounts: Record<string, string[]>;
  mode: SessionMode;
  toolCount: number;
  tokenPrefix: string;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface CreateSessionInput {
  projectId: string;
  userId: string;
  /** App keys; every app with actions when absent or empty. */
  toolkits?: string[];
  /** Action names (full or model-facing); all actions of the toolkits when absent. */
  tools?: string[];
  connectedAccounts?: Record<string, string[]>;
  ttlSeconds?: number;
  mode?: SessionMode;
  actor: Actor;
}

type RegistryDeps = Pick<Deps, "sandboxOrigin">;

/** How many tools the session allows (the toolkits' actions, or the listed tools). */
async function toolCount(deps: RegistryDeps, row: Pick<ToolSession, "toolkits" | "tools">) {
  if (row.tools) return row.tools.length;
  const page = await listActions(
    { apps: row.toolkits, limit: 1 },
    { sandboxOrigin: deps.sandboxOrigin },
  );
  return page.total;
}

async function view(deps: RegistryDeps, row: ToolSession): Promise<ToolSessionView> {
  return {
    id: row.id,
    userId: row.userId,
    toolkits: row.toolkits,
    tools: row.tools,
    connectedAccounts: row.connectedAccounts,
    mode: row.mode === "meta" ? "meta" : "direct",
    toolCount: await toolCount(deps, row),
    tokenPrefix: row.tokenPrefix,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
  };
}

function checkToolkits(deps: RegistryDeps, toolkits: string[] | undefined) {
  const known = appsWithActions({ sandboxOrigin: deps.sandboxOrigin });
  const wanted = [...new Set((toolkits ?? []).map((t) => t.trim().toLowerCase()))];
  for (const key of wanted) {
    if (!known.includes(key)) {
      throw new AppError("bad_request", `toolkits: "${key}" is not an app with tools`, {
        field: "toolkits",
      });
    }
  }
  return wanted.length > 0 ? wanted.sort() : known;
}

async function checkTools(deps: RegistryDeps, tools: string[], toolkits: string[]) {
  const names: string[] = [];
  for (const name of new Set(tools)) {
    const action = await getAction(name.trim().toUpperCase(), {
      sandboxOrigin: deps.sandboxOrigin,
    });
    if (!action) throw new AppError("bad_request", `tools: ${name} is not a known tool`);
    if (!toolkits.includes(action.app)) {
      throw new AppError("bad_request", `tools: ${action.name} is not in the session's toolkits`);
    }
    names.push(action.name);
  }
  return names.sort();
}

async function checkAccounts(
  deps: Pick<Deps, "db">,
  input: { projectId: string; userId: string; toolkits: string[] },
  accounts: Record<string, string[]>,
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [rawApp, ids] of Object.entries(accounts)) {
    const app = rawApp.toLowerCase();
    if (!input.toolkits.includes(app)) {
      throw new AppError("bad_request", `connected_accounts: "${app}" is not in the toolkits`);
    }
    for (const id of new Set(ids)) {
      // Another project's account is a 404, like every object of another project.
      const conn = await getConnection(deps, { projectId: input.projectId, id });
      if (conn.entityId !== input.userId || conn.appKey !== app) {
        throw new AppError(
          "bad_request",
          `connected_accounts: ${id} is not a ${app} account of user "${input.userId}"`,
        );
      }
      (out[app] ??= []).push(id);
    }
  }
  return out;
}

/** Mint a session; the token is in the answer only. */
export async function createToolSession(
  deps: Pick<Deps, "db" | "pepper" | "sandboxOrigin">,
  input: CreateSessionInput,
): Promise<{ session: ToolSessionView; token: string }> {
  const userId = checkEntityId(input.userId);
  let toolkits = checkToolkits(deps, input.toolkits);
  let tools: string[] | null = null;
  if (input.tools && input.tools.length > 0) {
    if (!input.toolkits?.length) {
      const apps = new Set<string>();
      for (const name of input.tools) {
        const action = await getAction(name.trim().toUpperCase(), deps);
        if (action) apps.add(action.app);
      }
      toolkits = [...apps].sort();
    }
    tools = await checkTools(deps, input.tools, toolkits);
  }
  const ttl = input.ttlSeconds ?? DEFAULT_SESSION_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > MAX_SESSION_TTL_SECONDS) {
    throw new AppError(
      "bad_request",
      `expires_in must be a whole number of seconds from 60 to ${MAX_SESSION_TTL_SECONDS} (24 h)`,
    );
  }
  const connectedAccounts = await checkAccounts(
    deps,
    { projectId: input.projectId, userId, toolkits },
    input.connectedAccounts ?? {},
  );
  const count = await toolCount(deps, { toolkits, tools });
  const mode = input.mode ?? (count > DIRECT_MODE_MAX_TOOLS ? "meta" : "direct");
  const token = `kps_${randomToken(24)}`;
  const [row] = await deps.db
    .insert(toolSessions)
    .values({
      id: `trs_${randomToken(15)}`,
      projectId: input.projectId,
      userId,
      toolkits,
      tools,
      connectedAccounts,
      mode,
      tokenPrefix: token.slice(0, 10),
      tokenHash: keyedHash(deps.pepper, token),
      createdBy: input.actor.label,
      expiresAt: new Date(Date.now() + ttl * 1000),
    })
    .returning();
  return { session: await view(deps, row!), token };
}

async function row(deps: Pick<Deps, "db">, projectId: string, id: string): Promise<ToolSession> {
  const [found] = await deps.db
    .select()
    .from(toolSessions)
    .where(and(eq(toolSessions.projectId, projectId), eq(toolSessions.id, id)));
  if (!found) throw new AppError("not_found", `Session ${id} not found`);
  return found;
}

/** One session of the project (revoked and expired ones too), or a 404. */
export async function getToolSession(
  deps: Pick<Deps, "db" | "sandboxOrigin">,
  input: { projectId: string; id: string },
): Promise<ToolSessionView> {
  return view(deps, await row(deps, input.projectId, input.id));
}

/** An entity's sessions, newest first. */
export async function listToolSessions(
  deps: Pick<Deps, "db" | "sandboxOrigin">,
  input: { projectId: string; userId: string; limit?: number },
): Promise<ToolSessionView[]> {
  const rows = await deps.db
    .select()
    .from(toolSessions)
    .where(and(eq(toolSessions.projectId, input.projectId), eq(toolSessions.userId, input.userId)))
    .orderBy(desc(toolSessions.createdAt))
    .limit(Math.min(200, input.limit ?? 50));
  return Promise.all(rows.map((r) => view(deps, r)));
}

/** Revoke a session: its token and MCP URL stop working at once. Idempotent. */
export async function revokeToolSession(
  deps: Pick<Deps, "db" | "toolSessionCache">,
  input: { projectId: string; id: string },
): Promise<void> {
  const found = await row(deps, input.projectId, input.id);
  if (found.revokedAt) return;
  await deps.db
    .update(toolSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(toolSessions.projectId, input.projectId), eq(toolSessions.id, input.id)));
  // Other instances hear it from the trigger; this one forgets it before answering.
  deps.toolSessionCache?.drop([input.id]);
}

/** A session that can be used now: the project, the entity and what it allows. */
export interface ActiveSession {
  id: string;
  projectId: string;
  userId: string;
  toolkits: string[];
  tools: string[] | null;
  connectedAccounts: Record<string, string[]>;
  mode: SessionMode;
}

function refuseInactive(found: ToolSession): void {
  if (found.revokedAt) throw new AppError("unauthorized", "This session was revoked");
  if (found.expiresAt.getTime() <= Date.now()) {
    throw new AppError("unauthorized", "This session has expired; mint a new one");
  }
}

function touch(deps: Pick<Deps, "db">, found: ToolSession): void {
  const now = Date.now();
  if (found.lastUsedAt && now - found.lastUsedAt.getTime() <= LAST_USED_GRANULARITY_MS) return;
  const before = new Date(now - LAST_USED_GRANULARITY_MS);
  found.lastUsedAt = new Date(now); // the cached row too: one write a minute, not one per call
  void deps.db
    .update(toolSessions)
    .set({ lastUsedAt: new Date(now) })
    .where(
      and(
        eq(toolSessions.id, found.id),
        or(isNull(toolSessions.lastUsedAt), lt(toolSessions.lastUsedAt, before)),
      ),
    )
    .catch(() => {});
}

function active(found: ToolSession): ActiveSession {
  return {
    id: found.id,
    projectId: found.projectId,
    userId: found.userId,
    toolkits: found.toolkits,
    tools: found.tools,
    connectedAccounts: found.connectedAccounts,
    mode: found.mode === "meta" ? "meta" : "direct",
  };
}

/**
 * The session a bearer token opens for the session `id` (from the URL): 404 when the token
 * belongs to no session of that id, 401 when it is expired or revoked.
 */
export async function sessionByToken(
  deps: Pick<Deps, "db" | "pepper" | "toolSessionCache">,
  input: { id: string; token: string },
): Promise<ActiveSession> {
  const unknown = () => new AppError("unauthorized", "Invalid session token");
  if (!TOKEN_PATTERN.test(input.token)) throw unknown();
  const hash = keyedHash(deps.pepper, input.token);
  const found = await cached(deps, `token:${hash}`, async () => {
    const [row] = await deps.db.select().from(toolSessions).where(eq(toolSessions.tokenHash, hash));
    return row;
  });
  if (!found) throw unknown();
  if (found.id !== input.id) throw new AppError("not_found", `Session ${input.id} not found`);
  refuseInactive(found);
  touch(deps, found);
  return active(found);
}

/** The session `id` of the project (authenticated by its API key); 404 for another project's. */
export async function sessionForProject(
  deps: Pick<Deps, "db" | "toolSessionCache">,
  input: { projectId: string; id: string },
): Promise<ActiveSession> {
  const found = await cached(deps, `project:${input.projectId}:${input.id}`, () =>
    row(deps, input.projectId, input.id),
  );
  if (!found) throw new AppError("not_found", `Session ${input.id} not found`);
  refuseInactive(found);
  touch(deps, found);
  return active(found);
}

/**
 * A session row through the process's cache (lib/core/tool-session-cache.ts): revocation and
 * deletion are still seen at once, as the trigger's notice drops the entry.
 */
async function cached(
  deps: Pick<Deps, "toolSessionCache">,
  key: string,
  read: () => Promise<ToolSession | undefined>,
): Promise<ToolSession | undefined> {
  const cache = deps.toolSessionCache;
  const hit = cache?.get(key);
  if (hit) return hit;
  const generation = cache?.begin() ?? 0;
  const found = await read();
  if (found) cache?.set(key, found, [found.id], generation);
  return found;
}

/** True when a presented credential looks like a session token (not an API key). */
export const isSessionToken = (value: string) => value.startsWith("kps_");
