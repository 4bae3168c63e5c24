import { LRUCache } from 'lru-cache';

interface Stored<V> {
  readonly value: V;
  readonly storedAt: number;
}

/**
 * A small in-memory map that forgets: the least recently used entry once `maxEntries` is reached,
 * and any entry older than `ttlMs`. Used for idempotency memory and directory look-ups, where
 * unbounded growth in a long-running process would be a leak.
 *
 * lru-cache keeps the order and the bound. The age is checked here rather than with lru-cache's own
 * `ttl` because that one keeps an entry through the exact `ttlMs` instant and never expires one stored
 * at clock 0 (an injected test clock starts there); the rule here is "gone once `ttlMs` has passed".
 */
export class BoundedCache<K extends NonNullable<unknown>, V> {
  private readonly entries: LRUCache<K, Stored<V>>;

  constructor(
    maxEntries: number,
    private readonly ttlMs = Number.POSITIVE_INFINITY,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new LRUCache<K, Stored<V>>({ max: maxEntries });
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.set(key, { value, storedAt: this.now() });
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
export function sharedPromise<K extends NonNullable<unknown>, V>(cache: BoundedCache<K, Promise<V>>, key: K, work: () => Promise<V>): Promise<V> {
  const known = cache.get(key);
  if (known) return known;
  const started = work();
  cache.set(key, started);
  started.catch(() => {
    if (cache.get(key) === started) cache.delete(key);
  });
  return started;
}
