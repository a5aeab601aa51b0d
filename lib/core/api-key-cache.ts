// Authenticated API keys remembered for a few seconds per process, so a call costs no key lookup.
// Revocation stays immediate: revokeApiKey drops the key here and NOTIFYs every other instance.

/** The channel revocations are announced on; the payload is the key id. */
export const API_KEY_CHANNEL = "keyport_api_keys";
/** Longest a key is trusted without a fresh lookup (bounds a lost notification). */
export const API_KEY_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

export interface CachedKey {
  projectId: string;
  keyId: string;
  name: string;
  lastUsedAt: Date | null;
}

export class ApiKeyCache {
  private readonly byHash = new Map<string, CachedKey & { until: number }>();
  private generation = 0;
  private readonly onDrop = new Set<() => void>();

  /** The key for a hash, or undefined when unknown or stale. */
  get(hash: string, now = Date.now()): CachedKey | undefined {
    const hit = this.byHash.get(hash);
    if (hit && hit.until > now) return hit;
    if (hit) this.byHash.delete(hash);
    return undefined;
  }

  /** A token to pass to `set`: a lookup that started before a revocation must not be cached. */
  begin(): number {
    return this.generation;
  }

  /** Remember a key looked up since `begin()`; returns the stored entry (undefined if it came too late). */
  set(hash: string, key: CachedKey, startedAt: number, now = Date.now()): CachedKey | undefined {
    if (startedAt !== this.generation) return undefined;
    if (this.byHash.size >= MAX_ENTRIES) this.byHash.clear();
    const entry = { ...key, until: now + API_KEY_TTL_MS };
    this.byHash.set(hash, entry);
    return entry;
  }

  /** Forget one key (revoked here or announced by another instance). */
  dropKey(keyId: string): void {
    this.generation++;
    for (const [hash, k] of this.byHash) if (k.keyId === keyId) this.byHash.delete(hash);
    for (const fn of this.onDrop) fn();
  }

  /** Forget everything (the revocation listener reconnected and may have missed some). */
  clear(): void {
    this.generation++;
    this.byHash.clear();
    for (const fn of this.onDrop) fn();
  }

  /** Resolves at the next drop or clear (tests wait for a notification with it). */
  nextDrop(): Promise<void> {
    return new Promise((resolve) => {
      const fn = () => {
        this.onDrop.delete(fn);
        resolve();
      };
      this.onDrop.add(fn);
    });
  }

  get size(): number {
    return this.byHash.size;
  }
}

type Listen = (
  channel: string,
  onPayload: (payload: string) => void,
  onListening: () => void,
) => Promise<() => Promise<void>>;

/** A cache that follows revocations announced on the database; returns it with its unlisten. */
export async function watchedApiKeyCache(
  listen: Listen,
): Promise<{ cache: ApiKeyCache; stop: () => Promise<void> }> {
  const cache = new ApiKeyCache();
  const stop = await listen(
    API_KEY_CHANNEL,
    (keyId) => cache.dropKey(keyId),
    () => cache.clear(),
  );
  return { cache, stop };
}
