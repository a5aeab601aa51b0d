// A per-process cache whose entries carry tags (the ids they were read from). Dropping a tag —
// here, or announced by another instance over LISTEN/NOTIFY — drops every entry that carries it.

export type Listen = (
  channel: string,
  onPayload: (payload: string) => void,
  onListening: () => void,
) => Promise<() => Promise<void>>;

interface Entry<V> {
  value: V;
  tags: string[];
  until: number;
}

export class TaggedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly keysByTag = new Map<string, Set<string>>();
  private generation = 0;
  private readonly onDrop = new Set<() => void>();

  /** `ttlMs` bounds how long an entry is trusted without a fresh read (a lost notification). */
  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** The value for a key, or undefined when unknown or stale. */
  get(key: string, now = Date.now()): V | undefined {
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    if (hit) this.remove(key, hit);
    return undefined;
  }

  /** A token to pass to `set`: a read that started before a drop must not be cached. */
  begin(): number {
    return this.generation;
  }

  /** Remember a value read since `begin()`; returns it, or undefined when a drop came in between. */
  set(key: string, value: V, tags: string[], startedAt: number, now = Date.now()): V | undefined {
    if (startedAt !== this.generation) return undefined;
    if (this.entries.size >= this.maxEntries) this.forgetAll();
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    this.entries.set(key, { value, tags, until: now + this.ttlMs });
    for (const tag of tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    return value;
  }

  /** Forget every entry carrying one of these tags. */
  drop(tags: Iterable<string>): void {
    this.generation++;
    for (const tag of tags) {
      for (const key of this.keysByTag.get(tag) ?? []) {
        const entry = this.entries.get(key);
        if (entry) this.remove(key, entry);
      }
    }
    this.notifyDrop();
  }

  /** Forget everything (e.g. the listener reconnected and may have missed notifications). */
  clear(): void {
    this.generation++;
    this.forgetAll();
    this.notifyDrop();
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
    return this.entries.size;
  }

  /**
   * Follow a NOTIFY channel: a payload of comma-separated tags drops them, `*` clears the cache,
   * and so does every (re)connection of the listener. Returns the unlisten.
   */
  follow(listen: Listen, channel: string): Promise<() => Promise<void>> {
    return listen(
      channel,
      (payload) => (payload === "*" ? this.clear() : this.drop(payload.split(","))),
      () => this.clear(),
    );
  }

  private remove(key: string, entry: Entry<V>): void {
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }

  private forgetAll(): void {
    this.entries.clear();
    this.keysByTag.clear();
  }

  private notifyDrop(): void {
    for (const fn of this.onDrop) fn();
  }
}
