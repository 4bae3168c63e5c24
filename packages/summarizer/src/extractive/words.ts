/**
 * Words for comparing lines: lower case, digits folded (so "p99 at 500ms" and "p99 at 600ms" are
 * one observation repeated), one-letter words dropped.
 */
export function wordsOf(text: string): ReadonlySet<string> {
  const folded = foldedText(text);
  // The Unicode-aware pattern costs several times the ASCII one; most chat is ASCII.
  const words = /[^\x00-\x7f]/.test(folded) ? folded.match(/[\p{L}#][\p{L}\p{N}#'_-]*/gu) : folded.match(/[a-z#][a-z0-9#'_-]*/g);
  return new Set((words ?? []).filter((w) => w.length > 1 || w === '#'));
}

/** Lower case with digits folded: equal for two lines that repeat each other exactly, numbers aside. */
export const foldedText = (text: string): string => text.toLowerCase().replace(/\d+/g, '#');

/** Jaccard similarity of at least 0.6, or one line's words all within the other's (a shorter retelling). */
export function nearDuplicate(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (!a.size || !b.size) return a.size === b.size;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  const union = a.size + b.size - shared;
  if (shared / union >= 0.6) return true;
  return Math.min(a.size, b.size) >= 3 && shared === Math.min(a.size, b.size);
}
