import { MIN_SCORE, scoreOf, type ConversationLine, type SalienceProfile } from './salience';

export interface PickOptions {
  readonly profile: SalienceProfile;
  /** At most this many lines. */
  readonly maxLines: number;
  /** The rendered lines, joined by newlines, stay within this many characters. */
  readonly maxChars: number;
  /** How a picked line will be shown; the budget is measured on this, so it is what the reader gets. */
  readonly render: (line: ConversationLine) => string;
  /** Lines shown elsewhere in the same product (open questions), not to be repeated. */
  readonly exclude?: (line: ConversationLine) => boolean;
}

/**
 * The most salient lines within a budget, in chronological order. Near-duplicates are grouped first
 * and count once, as their earliest line (the first report, credited to whoever made it) with the
 * best score of the group, so five people saying "30% declines" neither crowd the summary nor lose
 * the line. Then greedy by score (ties: the more recent line for an overview, where what matters now
 * comes last; the earlier one otherwise, where the first report of a symptom is the evidence).
 * Only whole input lines come out: nothing is rephrased, so nothing can be invented.
 */
export function pickSalient(lines: readonly ConversationLine[], options: PickOptions): ConversationLine[] {
  const min = MIN_SCORE[options.profile];
  const recentFirst = options.profile === 'overview';
  const ranked = groupRepeats(lines, options.profile)
    .filter(({ line, score }) => score >= min && !options.exclude?.(line))
    .sort((a, b) => b.score - a.score || (recentFirst ? b.line.position - a.line.position : a.line.position - b.line.position));

  const picked: { line: ConversationLine; rendered: string }[] = [];
  let used = 0;
  for (const { line } of ranked) {
    if (picked.length >= options.maxLines) break;
    const rendered = options.render(line);
    const cost = rendered.length + (picked.length ? 1 : 0);
    if (used + cost > options.maxChars) continue;
    picked.push({ line, rendered });
    used += cost;
  }
  return picked.map((p) => p.line).sort((a, b) => a.at.getTime() - b.at.getTime() || a.position - b.position);
}

/** How many earlier groups a line is compared with: repeats happen close together, and 10,000 lines must stay fast. */
const REPEAT_WINDOW = 200;

function groupRepeats(lines: readonly ConversationLine[], profile: PickOptions['profile']): { line: ConversationLine; score: number }[] {
  const groups: { line: ConversationLine; words: ReadonlySet<string>; score: number }[] = [];
  for (const line of [...lines].sort((a, b) => a.position - b.position)) {
    const words = wordsOf(line.text);
    const score = scoreOf(line, profile);
    let group;
    for (let i = groups.length - 1; i >= Math.max(0, groups.length - REPEAT_WINDOW) && !group; i--) {
      if (nearDuplicate(groups[i].words, words)) group = groups[i];
    }
    if (group) group.score = Math.max(group.score, score);
    else groups.push({ line, words, score });
  }
  return groups;
}

/**
 * Words for comparing lines: lower case, digits folded (so "p99 at 500ms" and "p99 at 600ms" are
 * one observation repeated), one-letter words dropped.
 */
export function wordsOf(text: string): ReadonlySet<string> {
  return new Set((text.toLowerCase().replace(/\d+/g, '#').match(/[\p{L}#][\p{L}\p{N}#'_-]*/gu) ?? []).filter((w) => w.length > 1 || w === '#'));
}

/** Jaccard similarity of at least 0.6, or one line's words all within the other's (a shorter retelling). */
export function nearDuplicate(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (!a.size || !b.size) return a.size === b.size;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  const union = a.size + b.size - shared;
  if (shared / union >= 0.6) return true;
  return Math.min(a.size, b.size) >= 3 && shared === Math.min(a.size, b.size);
}
