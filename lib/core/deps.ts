// What every core function needs, passed explicitly: no globals, no Next.js.
import type { Db } from "@/db";
import type { Keyring } from "@/lib/crypto";
import type { ApiKeyCache } from "./api-key-cache";
import type { ConnectionCache } from "./connection-cache";
import type { ToolSessionCache } from "./tool-session-cache";

export interface Deps {
  db: Db;
  keyring: Keyring;
  /** Server pepper for API-key and token hashes. */
  pepper: string;
  publicUrl: string;
  flowTtlSeconds: number;
  /** Connect links nobody finished are deleted this many days after they expired (default 7). */
  abandonedRetentionDays?: number;
  /** Origin of the built-in sandbox provider when it runs, e.g. http://127.0.0.1:3999. */
  sandboxOrigin?: string;
  allowLoopbackEgress: boolean;
  /** Authenticated keys remembered briefly (the server wires one to revocation notices). */
  apiKeyCache?: ApiKeyCache;
  /** Resolved (entity, app) connections remembered briefly (the server wires one to the triggers). */
  connectionCache?: ConnectionCache;
  /** Tool-router sessions remembered briefly (the server wires one to the session trigger). */
  toolSessionCache?: ToolSessionCache;
}

/** Who performs a mutation, for events and the audit log. */
export interface Actor {
  type: "operator" | "api_key" | "system" | "end_user";
  id?: string;
  label: string;
  ip?: string;
}

/** Deps of a function that only reads or writes the database. */
export type DbDeps = Pick<Deps, "db">;

export const systemActor: Actor = { type: "system", label: "system" };
