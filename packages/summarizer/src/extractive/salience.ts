import { displayName, personKey, replaceMentions, type TimelineEntry } from '@muster/core';
import { wordsOf } from './words';

/**
 * What makes a line of the conversation worth quoting. Responders say what they see (numbers,
 * errors), what they do (rolled back, restarted), what they decide and what they do not know yet;
 * the rest ("thanks", "joining", "+1") is the room breathing. Each product weighs these differently:
 * a catch-up wants a bit of everything, contributing factors want symptoms and causes, the
 * response summary wants actions and decisions.
 */
export type SalienceProfile = 'overview' | 'causes' | 'response';

/** One human line of the timeline, as a candidate for quoting. */
export interface ConversationLine {
  readonly position: number;
  readonly at: Date;
  readonly who?: string;
  readonly text: string;
  readonly highlighted: boolean;
  readonly note: boolean;
  readonly question: boolean;
  readonly features: Features;
  /** Its words for spotting repeats (pick-lines.ts), computed once per line. */
  readonly words: ReadonlySet<string>;
}

export interface Features {
  readonly metric: boolean;
  readonly error: boolean;
  readonly errorCode: boolean;
  readonly action: boolean;
  readonly decision: boolean;
  readonly cause: boolean;
}

/** Only people's words: messages, notes and highlights with an author. Muster's own entries never count. */
const CONVERSATION_KINDS: ReadonlySet<TimelineEntry['kind']> = new Set(['message', 'note', 'highlight']);

/** A measurement: a number with a unit or a count of something. Bare numbers (times, versions) are not. */
const METRIC = /\d[\d.,]*\s?(?:%|(?:ms|s|sec|secs|min|m|h|x|k|rps|qps|gb|mb|tb)\b|req\/s)|\bp\d{2,3}\b|\b\d[\d.,]*\s(?:replicas|pods|nodes|hosts|errors|requests|tickets|customers|users|orders|payments|retries|connections)\b/i;
const ERROR = /\b(?:errors?|fail(?:s|ed|ing|ures?)?|timeouts?|timed out|exceptions?|declines?|declined|refused|rejected|crash(?:ed|es|ing)?|oom\w*|panic\w*|degraded|down|outage|unavailable|latency|saturated|exhausted|lag(?:ging)?|broken|spik(?:e|es|ed|ing)|elevated|dropp(?:ed|ing)|leak(?:s|ing)?|throttl\w*|5xx|4xx)\b/i;
const ERROR_CODE = /\b(?:HTTP\s?[45]\d\d|[45]\d\d|E[A-Z]{4,}|[A-Z]+_[A-Z_]{3,}|[a-z](?:Exception|Error))\b/;
const ACTION = /\b(?:roll(?:ed|ing)?[ -]?back|rollbacks?|revert(?:ed|ing)?|restart(?:ed|ing)?|redeploy(?:ed|ing)?|deploy(?:ed|ing)?|fail(?:ed|ing)?[ -]?over|failovers?|scal(?:ed|ing)|drain(?:ed|ing)|shift(?:ed|ing)|disabl(?:ed|ing)|enabl(?:ed|ing)|flipp(?:ed|ing)|patch(?:ed|ing)|hotfix(?:ed)?|bump(?:ed|ing)|purg(?:ed|ing)|block(?:ed|ing)|mitigat(?:ed|ing)|fixed|paged|escalat(?:ed|ing)|killed|cordon(?:ed)?|increas(?:ed|ing)|rais(?:ed|ing)|rotat(?:ed|ing))\b/i;
const DECISION = /\b(?:decided|decision|we will|we'll|let's|going to|agreed|plan is|plan:|we should|freeze|go ahead|approved)\b/i;
const CAUSE = /\b(?:because|caused by|cause[sd]?|root cause|due to|since the|after the|triggered by|regression|introduced|culprit|looks like|turns out|the issue is|traced (?:it )?to|points to)\b/i;

/**
 * Room noise: acknowledgements, greetings, presence. A message is chit-chat when nothing but these
 * words and punctuation remain, so "thanks, rolled back payments-api" still counts.
 */
const CHIT_CHAT_WORDS = new Set([
  'thanks', 'thank', 'you', 'thx', 'ty', 'ok', 'okay', 'k', 'kk', 'ack', 'acked', '+1', 'on', 'it', 'joining', 'joined',
  'here', 'i', "i'm", 'im', 'am', 'lgtm', 'sounds', 'good', 'sgtm', 'cool', 'nice', 'great', 'yes', 'yep', 'yeah',
  'no', 'nope', 'same', 'will', 'do', 'brb', 'back', 'hi', 'hello', 'hey', 'all', 'folks', 'team', 'morning', 'np',
  'sure', 'roger', 'copy', 'that', 'got', 'me', 'too', 'ta', 'cheers', 'welcome', 'now', 'just', 'the', 'call',
  'bridge', 'also', 'omw', 'a', 'sec', 'one', 'moment', 'looking', 'watching', 'following', 'along', 'lol', 'wow',
]);

export function isChitChat(text: string): boolean {
  // Six short words at most: a longer text says something, and 10,000 messages need no regex each.
  if (text.length > 80) return false;
  // Most lines say something from their first word on; only those starting like chit-chat get the full check.
  const first = /^[^\s,.!]*/.exec(text.toLowerCase())?.[0] ?? '';
  if (first && !first.startsWith(':') && /^[\x00-\x7f]+$/.test(first) && !CHIT_CHAT_WORDS.has(first.replace(/^[^a-z0-9+]+|[^a-z0-9']+$/g, ''))) return false;
  const words = text.toLowerCase().replace(/[\p{Extended_Pictographic}\uFE0F]/gu, ' ').replace(/:[a-z0-9_+-]+:/g, ' ').match(/\+1|[\p{L}\p{N}']+/gu) ?? [];
  return words.length <= 6 && words.every((w) => CHIT_CHAT_WORDS.has(w));
}

export function featuresOf(text: string): Features {
  return {
    metric: METRIC.test(text),
    error: ERROR.test(text),
    errorCode: ERROR_CODE.test(text),
    action: ACTION.test(text),
    decision: DECISION.test(text),
    cause: CAUSE.test(text),
  };
}

/** The human lines of the timeline, oldest first; deleted entries, commands and chit-chat are left out. */
export function conversationOf(timeline: readonly TimelineEntry[], names: ReadonlyMap<string, string> = new Map()): ConversationLine[] {
  const lines: ConversationLine[] = [];
  timeline.forEach((e, index) => {
    if (!CONVERSATION_KINDS.has(e.kind) || !e.actor || e.deletedAt) return;
    const text = readableMentions(e.text.trim(), names);
    // A captured "/incident ..." is a command, not something anyone said about the incident.
    if (!text || text.startsWith('/') || isChitChat(text)) return;
    lines.push({
      position: e.position ?? index + 1,
      at: e.occurredAt,
      who: displayName(e.actor),
      text,
      highlighted: e.highlighted,
      note: e.kind === 'note',
      question: /\?\s*$/.test(text),
      features: featuresOf(text),
      words: wordsOf(text),
    });
  });
  return lines;
}

type Weights = Readonly<Record<keyof Features | 'highlight' | 'note' | 'question', number>>;

const WEIGHTS: Readonly<Record<SalienceProfile, Weights>> = {
  overview: { metric: 2, error: 2, errorCode: 1, action: 3, decision: 2, cause: 2, highlight: 4, note: 2, question: 1 },
  causes: { metric: 2, error: 3, errorCode: 2, action: 0, decision: 0, cause: 4, highlight: 1, note: 1, question: 0 },
  response: { metric: 1, error: 0, errorCode: 0, action: 4, decision: 3, cause: 0, highlight: 2, note: 1, question: 0 },
};

/** Lines below this are not worth a reader's time in that product. */
export const MIN_SCORE: Readonly<Record<SalienceProfile, number>> = { overview: 2, causes: 3, response: 3 };

/**
 * The line's salience for a product; 0 when it lacks what the product is about (a line with no
 * symptom or cause is never a contributing factor, however highlighted).
 */
export function scoreOf(line: ConversationLine, profile: SalienceProfile): number {
  const f = line.features;
  if (profile === 'causes' && !(f.error || f.errorCode || f.cause)) return 0;
  if (profile === 'response' && !(f.action || f.decision)) return 0;
  const w = WEIGHTS[profile];
  let score = 0;
  for (const key of Object.keys(f) as (keyof Features)[]) if (f[key]) score += w[key];
  if (line.highlighted) score += w.highlight;
  if (line.note) score += w.note;
  if (line.question) score += w.question;
  return score;
}

/**
 * Mention tokens (core's neutral `<@platform:id|name>`) as names: the name the incident knows for that
 * person (by `personKey`), else the one the token carries; a person we know nothing of stays anonymous.
 */
export function readableMentions(text: string, names: ReadonlyMap<string, string>): string {
  if (!text.includes('<@')) return text;
  return replaceMentions(text, (person) => names.get(personKey(person)) ?? person.name ?? '[person]');
}
