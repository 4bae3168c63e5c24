import { truncate } from '@muster/plugin-sdk';

/** Limits from the alert-source contract: what a chat card and the timeline can carry. */
export const MAX_TITLE = 200;
export const MAX_SUMMARY = 2000;
// Muster keeps links up to 2000 characters (after normalising, which can lengthen them).
const MAX_URL = 2000;

// C0/C1 controls, zero-width characters and bidi overrides: a label can hold any of them, and a
// title showing text in another order than it is stored ("Trojan source") misleads responders.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** A title: one line, no control characters, trimmed and cut; undefined when nothing is left. */
export function oneLine(value: unknown, max = MAX_TITLE): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  return text ? truncate(text, max) : undefined;
}

/** A summary: line breaks kept (at most one blank line in a row), other controls dropped, cut. */
export function paragraphs(value: unknown, max = MAX_SUMMARY): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\r\n?/g, '\n').replace(INVISIBLE, '').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  return text ? truncate(text, max) : undefined;
}

/** Only http(s) links go back to a card: a `javascript:` or `file:` URL from a payload never does. */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_URL) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  const text = url.toString();
  return (url.protocol === 'http:' || url.protocol === 'https:') && text.length <= MAX_URL ? text : undefined;
}
