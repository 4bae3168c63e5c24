import type { Redactor } from '../redaction/redact';
import type { FactLine } from './timeline-facts';

/** Every extractive text says how it was made, so nobody mistakes it for an AI (or human) judgement. */

/** `10:32 UTC`, or `3 May 10:32 UTC` when the incident spans days. */
export function clockTime(at: Date, withDate: boolean): string {
  const hm = at.toISOString().slice(11, 16);
  if (!withDate) return `${hm} UTC`;
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${hm} UTC`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** One chat line, single-spaced, cut to `max` characters and with secrets and personal data removed. */
export function quoteLine(text: string, redactor: Redactor, max = 200): string {
  const flat = redactor.redact(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function factLine(f: FactLine, redactor: Redactor, withDate: boolean): string {
  return `• ${clockTime(f.at, withDate)}${f.who ? ` ${f.who}:` : ''} ${quoteLine(f.text, redactor)}`;
}

/** A titled block; empty when there is nothing to say, so it is left out rather than shown empty. */
export function section(title: string, lines: readonly string[]): string {
  return lines.length ? [title, ...lines].join('\n') : '';
}

export const paragraphs = (...blocks: readonly string[]): string => blocks.filter((b) => b.trim()).join('\n\n');

/** Chat rarely ends its sentences; summaries do. */
export const sentence = (s: string): string => (!s || /[.!?…]$/.test(s) ? s : `${s}.`);

export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Whether the incident's timestamps cross a UTC date, in which case times carry the date. */
export function spansDays(dates: readonly (Date | undefined)[]): boolean {
  const days = new Set(dates.filter((d): d is Date => !!d).map((d) => d.toISOString().slice(0, 10)));
  return days.size > 1;
}

/**
 * Keeps a text under `limit` by dropping the oldest lines of a list until it fits: a catch-up must
 * fit a Slack text block (3,000 characters) and the newest events matter most.
 */
export function fitByDroppingOldest(build: (list: readonly string[]) => string, list: readonly string[], limit: number): string {
  let kept = [...list];
  let text = build(kept);
  while (text.length > limit && kept.length > 1) {
    kept = kept.slice(1);
    text = build(['• …', ...kept]);
  }
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
