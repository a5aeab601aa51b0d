// Authenticated API keys remembered for a few seconds per process, so a call costs no key lookup.
// Revocation stays immediate: revokeApiKey drops the key here and NOTIFYs every other instance.
import { TaggedCache, type Listen } from "./tagged-cache";

/** The channel revocations are announced on; the payload is the key id. */
export const API_KEY_CHANNEL = "keyport_api_keys";
/** Longest a key is trusted without a fresh lookup (bounds a lost notification). */
export const API_KEY_TTL_MS = 10_000;

export interface CachedKey {
  projectId: string;
  keyId: string;
  name: string;
  lastUsedAt: Date | null;
}

/** Keys by keyed hash, tagged with the key id. */
export class ApiKeyCache extends TaggedCache<CachedKey> {
  constructor() {
    super(API_KEY_TTL_MS);
  }

  /** Remember a key looked up since `begin()`; undefined when a revocation came in between. */
  remember(hash: string, key: CachedKey, startedAt: number, now = Date.now()) {
    return this.set(hash, key, [key.keyId], startedAt, now);
  }

  /** Forget one key (revoked here or announced by another instance). */
  dropKey(keyId: string): void {
    this.drop([keyId]);
  }
}

/** A cache that follows revocations announced on the database; returns it with its unlisten. */
export async function watchedApiKeyCache(
  listen: Listen,
): Promise<{ cache: ApiKeyCache; stop: () => Promise<void> }> {
  const cache = new ApiKeyCache();
  const stop = await cache.follow(listen, API_KEY_CHANNEL);
  return { cache, stop };
}
