/**
 * "Did you mean …?" for words typed at 3 a.m.: transposed letters (`reslove`), a letter too many or
 * too few (`acknowledged`, `resolv`) and unambiguous beginnings (`postm`).
 */

// Longer words tolerate more typos; a short word with two typos is more likely a different word.
const tolerance = (length: number): number => (length <= 4 ? 1 : length <= 7 ? 2 : 3);

// Beyond this a word is not a mistyped command but something else pasted in; do not spend time on it.
const LONGEST_WORTH_SUGGESTING = 40;

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  // Three rolling rows are enough: the swap rule looks back two rows.
  let before = new Array<number>(t.length + 1).fill(0);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = new Array<number>(t.length + 1);
    current[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, before[j - 2] + 1);
      current[j] = best;
    }
    before = previous;
    previous = current;
  }
  return previous[t.length];
}

/**
 * The candidate closest to `word` (ignoring case), when it is close enough to be a plausible typo.
 * Candidates are `[what people may type, what to suggest]`, so an alias can suggest its command.
 * Ties go to the earlier candidate.
 */
export function nearest<T>(word: string, candidates: Iterable<readonly [string, T]>): T | undefined {
  const typed = word.toLowerCase();
  if (typed.length === 0 || typed.length > LONGEST_WORTH_SUGGESTING) return undefined;
  const list = [...candidates];
  let best: { value: T; distance: number } | undefined;
  for (const [candidate, value] of list) {
    const distance = editDistance(typed, candidate.toLowerCase());
    if (distance <= tolerance(typed.length) && (!best || distance < best.distance)) best = { value, distance };
  }
  if (best) return best.value;
  if (typed.length < 3) return undefined;
  const extended = new Set(list.filter(([candidate]) => candidate.toLowerCase().startsWith(typed)).map(([, value]) => value));
  return extended.size === 1 ? [...extended][0] : undefined;
}
