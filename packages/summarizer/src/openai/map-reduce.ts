import { chunkByTokens, totalTokens, type Sized } from '../planning/chunking';
import type { RequestPlan } from '../planning/request-plan';
import { truncateToTokens } from '../tokens/token-counter';

export interface Condenser<T> {
  /** Map: notes on one chunk of entries. */
  notesOn(entries: readonly T[]): Promise<string>;
  /** Reduce: several notes merged into one. */
  merge(notes: readonly string[]): Promise<string>;
  /** Calibrated tokens of a note as it will be quoted. */
  tokensOf(note: string): number;
  readonly concurrency: number;
}

/**
 * Map the older chunks to notes, then merge notes in groups that fit one request until all of them
 * fit the final request's `notesBudget`. Every request stays within the budget because each group
 * holds at most `chunkTokens`, and the plan made `chunkTokens` fit beside the fixed prompt.
 */
export async function condense<T>(plan: Extract<RequestPlan<T>, { mode: 'map_reduce' }>, condenser: Condenser<T>): Promise<string[]> {
  let notes = await mapLimit(plan.chunks, condenser.concurrency, (chunk) => condenser.notesOn(chunk.map((c) => c.item)));
  let sized = notes.map(sizeWith(condenser));
  while (totalTokens(sized) > plan.notesBudget && sized.length > 1) {
    let groups = chunkByTokens(sized, plan.chunkTokens);
    // Notes too big to pair within a chunk: merge neighbours anyway; each note is capped below.
    if (groups.length === sized.length) groups = pairs(sized);
    notes = await mapLimit(groups, condenser.concurrency, (group) => condenser.merge(group.map((g) => g.item)));
    sized = notes.map(sizeWith(condenser));
  }
  if (totalTokens(sized) > plan.notesBudget) notes = [truncateToTokens(notes[0], plan.notesBudget)];
  return notes;
}

const sizeWith = <T>(c: Condenser<T>) => (note: string): Sized<string> => ({ item: note, tokens: c.tokensOf(note) });

function pairs<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += 2) out.push(items.slice(i, i + 2));
  return out;
}

/** Like Promise.all over `items`, with at most `limit` calls in flight; order kept. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    // After one failure the whole summary falls back: starting more calls would only spend tokens.
    while (next < items.length && !failed) {
      const index = next++;
      try {
        results[index] = await fn(items[index]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
