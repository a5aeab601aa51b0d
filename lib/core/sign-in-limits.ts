// Operator sign-in limits, checked before any password hash (SECURITY.md 15, issue 11 item 3).
// Kept in the database so every instance shares them. There is deliberately no per-email lock:
// one that refuses everyone lets any stranger keep the only admin out. An address guessing at
// one email is slowed (PAIR), and every address is capped whatever emails it tries (CLIENT).
import { eq, lt, sql } from "drizzle-orm";
import { signInLimits } from "@/db/schema";
import { parseIp, subscriberPrefix } from "@/lib/net/ip";
import type { DbDeps } from "./deps";

/** A token bucket: `burst` attempts at once, then one more every `intervalMs`. */
export interface Bucket {
  burst: number;
  intervalMs: number;
}

/** Password checks from one client, whatever the email (caps argon2 work per client). */
export const CLIENT_BUCKET: Bucket = { burst: 20, intervalMs: 3_000 };
/** Guesses at one email from one client: 5, then one every 30 s. */
export const PAIR_BUCKET: Bucket = { burst: 5, intervalMs: 30_000 };

export interface AttemptKeys {
  client: string;
  pair: string;
}

/** Limiter keys; an IPv6 client counts by its /64, which one subscriber usually holds whole. */
export function attemptKeys(client: string, email: string): AttemptKeys {
  const ip = parseIp(client);
  const who = ip ? subscriberPrefix(ip) : "unknown";
  return { client: `client:${who}`, pair: `pair:${who} ${email}` };
}

const iso = (ms: number) => new Date(ms).toISOString();
// The interval is our own constant, never input: inlined so both drivers type it alike.
const step = (b: Bucket) => sql.raw(`interval '${Math.trunc(b.intervalMs)} milliseconds'`);

/**
 * GCRA: one row holds the time the bucket is full again. An attempt may start while that time
 * is at most (burst − 1) intervals ahead, and pushes it one interval further. The upsert is one
 * statement, so parallel attempts are counted one by one. Returns ms to wait: before this
 * attempt (refused) or before the next one (taken; 0 when the next is free).
 */
async function take(
  deps: DbDeps,
  key: string,
  bucket: Bucket,
  now: number,
): Promise<{ taken: boolean; waitMs: number }> {
  const headroom = (bucket.burst - 1) * bucket.intervalMs;
  const current = sql`greatest(${signInLimits.refilledAt}, ${iso(now)}::timestamptz)`;
  const [row] = await deps.db
    .insert(signInLimits)
    .values({ key, refilledAt: new Date(now + bucket.intervalMs) })
    .onConflictDoUpdate({
      target: signInLimits.key,
      set: { refilledAt: sql`${current} + ${step(bucket)}` },
      setWhere: sql`${current} <= ${iso(now + headroom)}::timestamptz`,
    })
    .returning({ refilledAt: signInLimits.refilledAt });
  if (row) return { taken: true, waitMs: Math.max(0, row.refilledAt.getTime() - now - headroom) };
  const [held] = await deps.db
    .select({ refilledAt: signInLimits.refilledAt })
    .from(signInLimits)
    .where(eq(signInLimits.key, key));
  const waitMs = (held?.refilledAt.getTime() ?? now) - now - headroom;
  return { taken: false, waitMs: Math.max(0, waitMs) };
}

/** Give back a token taken for an attempt that cost nothing or proved the password. */
async function giveBack(deps: DbDeps, key: string, bucket: Bucket): Promise<void> {
  await deps.db
    .update(signInLimits)
    .set({ refilledAt: sql`${signInLimits.refilledAt} - ${step(bucket)}` })
    .where(eq(signInLimits.key, key));
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export type AttemptSlot =
  | { allowed: false; retryAfterSeconds: number }
  | { allowed: true; keys: AttemptKeys; retryAfterFailureSeconds: number };

/** Take the client's and the (client, email) tokens before a password check, or say how long to wait. */
export async function takeSignInAttempt(
  deps: DbDeps,
  input: { client: string; email: string },
  now = Date.now(),
): Promise<AttemptSlot> {
  const keys = attemptKeys(input.client, input.email);
  const client = await take(deps, keys.client, CLIENT_BUCKET, now);
  if (!client.taken) return { allowed: false, retryAfterSeconds: seconds(client.waitMs) };
  const pair = await take(deps, keys.pair, PAIR_BUCKET, now);
  if (!pair.taken) {
    await giveBack(deps, keys.client, CLIENT_BUCKET);
    return { allowed: false, retryAfterSeconds: seconds(pair.waitMs) };
  }
  const wait = Math.max(client.waitMs, pair.waitMs);
  return { allowed: true, keys, retryAfterFailureSeconds: wait > 0 ? seconds(wait) : 0 };
}

/**
 * After the right password: the attempt costs the client nothing, and this client's guesses at
 * this email are forgiven. The client's other failures stay, so signing in to one's own account
 * cannot buy more guesses at another.
 */
export async function signInSucceeded(deps: DbDeps, keys: AttemptKeys): Promise<void> {
  await giveBack(deps, keys.client, CLIENT_BUCKET);
  await deps.db.delete(signInLimits).where(eq(signInLimits.key, keys.pair));
}

/** Delete rows whose bucket is full again (they mean the same as no row); returns how many. */
export async function deleteRefilledSignInLimits(deps: DbDeps, now = Date.now()): Promise<number> {
  const rows = await deps.db
    .delete(signInLimits)
    .where(lt(signInLimits.refilledAt, new Date(now)))
    .returning({ key: signInLimits.key });
  return rows.length;
}
