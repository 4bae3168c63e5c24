/**
 * A small in-memory map that forgets: the least recently used entry once `maxEntries` is reached,
 * and any entry older than `ttlMs`. Used for idempotency memory and directory look-ups, where
 * unbounded growth in a long-running process would be a leak.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; storedAt: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs = Number.POSITIVE_INFINITY,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert so Map order stays least-recently-used first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, storedAt: this.now() });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Shares one in-flight or finished promise per key, so concurrent and repeated calls do the work once.
 * A rejected promise is forgotten, so the next call tries again.
 */
export function sharedPromise<K, V>(cache: BoundedCache<K, Promise<V>>, key: K, work: () => Promise<V>): Promise<V> {
  const known = cache.get(key);
  if (known) return known;
  const started = work();
  cache.set(key, started);
  started.catch(() => {
    if (cache.get(key) === started) cache.delete(key);
  });
  return started;
}
