/**
 * A small map that forgets everything once it is full, so memory stays bounded whatever arrives; what
 * it holds is always cheap to learn again (a roster look-up, a stored reference).
 */
export class BoundedMemory<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  set(key: string, value: V): void {
    if (!this.entries.has(key) && this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(key, value);
  }
}
