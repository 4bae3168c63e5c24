/** Something with a known token cost. */
export interface Sized<T> {
  readonly item: T;
  readonly tokens: number;
}

export const totalTokens = (items: readonly Sized<unknown>[]): number => items.reduce((sum, i) => sum + i.tokens, 0);

/**
 * Consecutive groups of at most `maxTokens` each, order kept. An item bigger than `maxTokens` on its
 * own makes a group of one (entries are truncated before this, so that only happens on misuse).
 */
export function chunkByTokens<T>(items: readonly Sized<T>[], maxTokens: number): Sized<T>[][] {
  const chunks: Sized<T>[][] = [];
  let current: Sized<T>[] = [];
  let size = 0;
  for (const item of items) {
    if (current.length && size + item.tokens > maxTokens) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += item.tokens;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** The longest run of newest items that fits in `budget`, and everything before it. */
export function splitNewest<T>(items: readonly Sized<T>[], budget: number): { older: Sized<T>[]; newest: Sized<T>[] } {
  let size = 0;
  let start = items.length;
  while (start > 0 && size + items[start - 1].tokens <= budget) {
    start--;
    size += items[start].tokens;
  }
  return { older: items.slice(0, start), newest: items.slice(start) };
}
