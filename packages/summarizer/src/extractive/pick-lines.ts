import { MIN_SCORE, scoreOf, type ConversationLine, type SalienceProfile } from './salience';
import { foldedText, nearDuplicate } from './words';

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

interface RepeatGroup {
  readonly line: ConversationLine;
  readonly words: ReadonlySet<string>;
  readonly members: ConversationLine[];
}

/** Grouping does not depend on the product, so it is done once per conversation and reused. */
const groupsCache = new WeakMap<readonly ConversationLine[], readonly RepeatGroup[]>();

function groupRepeats(lines: readonly ConversationLine[], profile: PickOptions['profile']): { line: ConversationLine; score: number }[] {
  let groups = groupsCache.get(lines);
  if (!groups) {
    groups = buildGroups(lines);
    groupsCache.set(lines, groups);
  }
  return groups.map((g) => ({ line: g.line, score: g.members.reduce((best, m) => Math.max(best, scoreOf(m, profile)), 0) }));
}

function buildGroups(lines: readonly ConversationLine[]): RepeatGroup[] {
  const groups: RepeatGroup[] = [];
  // Exact repeats (same text, numbers aside) are found at once; only the rest are compared.
  const exact = new Map<string, RepeatGroup>();
  for (const line of [...lines].sort((a, b) => a.position - b.position)) {
    const key = foldedText(line.text);
    let group: RepeatGroup | undefined = exact.get(key);
    for (let i = groups.length - 1; !group && i >= Math.max(0, groups.length - REPEAT_WINDOW); i--) {
      if (nearDuplicate(groups[i].words, line.words)) group = groups[i];
    }
    if (group) group.members.push(line);
    else {
      group = { line, words: line.words, members: [line] };
      groups.push(group);
    }
    exact.set(key, group);
  }
  return groups;
}
