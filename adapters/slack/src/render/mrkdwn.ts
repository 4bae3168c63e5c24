import { readableMentions, type Inline, type RichText } from '@muster/core';
import { SLACK_COMMAND } from '../manifest';
import { TRUNCATION_MARKER } from './slack-limits';

/**
 * Turns neutral rich text into Slack mrkdwn that says exactly what the author typed.
 *
 * - `&`, `<`, `>` become entities (Slack's documented escaping), so a typed `<!channel>`, `<!here>` or
 *   `<@U123>` stays literal text and pings nobody.
 * - The formatting characters `*`, `_`, `~` and `` ` `` are wrapped in ZERO WIDTH JOINERs. Slack has no
 *   escape for them; it only formats when the marker sits on a word boundary, and a joiner on each side
 *   removes the boundary while staying invisible. (A zero width *space* would not do: Slack treats it as
 *   a boundary, which is the trick people use to bold half a word.)
 * - A `>` at the start of a line gets the same joiner in front, so it does not turn the line into a quote.
 * - Mentions become `<@U…>` only for Slack people with a well-formed id; anyone else is an escaped name.
 *   Mention tokens inside text (`<@slack:U1|ana>`, quoted from chat) read as an escaped `@ana`: quoting a
 *   message on the timeline must not ping everyone it mentioned again.
 * - Commands (`{ command }`) are code with Slack's prefix: `/incident postmortem done`.
 * - Links keep only http(s) and mailto URLs; anything else (javascript:, data:, slack:) is shown as text.
 */
const JOINER = '\u200D';
const FORMATTING_CHARACTERS = new Set(['*', '_', '~', '`']);
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;
const ALLOWED_LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** Shown instead of a backtick inside code, which would otherwise end the code span early. */
const BACKTICK_LOOKALIKE = '\u02CB';

/** One code point of plain text as mrkdwn. `lineStart` says whether it begins a line. */
function escapeCharacter(ch: string, lineStart: boolean): string {
  switch (ch) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return lineStart ? `${JOINER}&gt;` : '&gt;';
    default:
      return FORMATTING_CHARACTERS.has(ch) ? `${JOINER}${ch}${JOINER}` : ch;
  }
}

/** Plain text as mrkdwn units (one per code point), so truncation can never cut an entity in half. */
function escapeUnits(text: string): string[] {
  const units: string[] = [];
  let previous = '\n';
  for (const ch of readableMentions(text)) {
    units.push(escapeCharacter(ch, previous === '\n'));
    previous = ch;
  }
  return units;
}

function codeUnits(text: string): string[] {
  return Array.from(text, (ch) => (ch === '`' ? BACKTICK_LOOKALIKE : ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch));
}

/** Escapes one plain string for any mrkdwn field (including a message's fallback `text`). */
export function escapeMrkdwn(text: string): string {
  return escapeUnits(text).join('');
}

/**
 * The URL as Slack may carry it inside `<url|text>`, or undefined when it is not an http(s) or mailto
 * URL. `|` and `>` would end the link early, so they are percent-encoded; `&` is entity-escaped.
 */
export function safeLinkUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (!ALLOWED_LINK_PROTOCOLS.has(parsed.protocol)) return undefined;
  return parsed.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/&/g, '&amp;');
}

/** A rendered inline piece: either all-or-nothing (a link, a mention) or cuttable unit by unit. */
type Piece =
  | { readonly atomic: string }
  | { readonly open: string; readonly units: readonly string[]; readonly close: string; readonly lead: string; readonly trail: string };

/** Bold and italic markers only work hugging non-space text: keep surrounding spaces outside them. */
function wrapped(text: string, marker: string): Piece {
  const lead = text.match(/^\s*/)?.[0] ?? '';
  const trail = text.slice(lead.length).match(/\s*$/)?.[0] ?? '';
  const core = text.slice(lead.length, text.length - trail.length);
  if (core === '') return { open: '', units: [], close: '', lead, trail };
  return { open: marker, units: escapeUnits(core), close: marker, lead, trail };
}

const plainPiece = (text: string): Piece => ({ open: '', units: escapeUnits(text), close: '', lead: '', trail: '' });

function pieceOf(inline: Inline): Piece {
  if (typeof inline === 'string') return plainPiece(inline);
  if ('bold' in inline) return wrapped(inline.bold, '*');
  if ('italic' in inline) return wrapped(inline.italic, '_');
  if ('command' in inline) return { open: '`', units: codeUnits(inline.command ? `${SLACK_COMMAND} ${inline.command}` : SLACK_COMMAND), close: '`', lead: '', trail: '' };
  if ('code' in inline) {
    if (inline.code === '') return plainPiece('');
    return { open: '`', units: codeUnits(inline.code), close: '`', lead: '', trail: '' };
  }
  if ('link' in inline) {
    const url = safeLinkUrl(inline.link.url);
    const text = inline.link.text.trim() === '' ? inline.link.url : inline.link.text;
    if (!url) return plainPiece(text);
    return { atomic: `<${url}|${escapeMrkdwn(text)}>` };
  }
  const person = inline.mention;
  if (person.platform === 'slack' && SLACK_USER_ID.test(person.id)) return { atomic: `<@${person.id}>` };
  return plainPiece(`@${person.name ?? person.id}`);
}

function full(piece: Piece): string {
  if ('atomic' in piece) return piece.atomic;
  return piece.units.length === 0 ? piece.lead + piece.trail : piece.lead + piece.open + piece.units.join('') + piece.close + piece.trail;
}

/** As much of the piece as fits in `room` characters ('' when nothing sensible fits). */
function prefixWithin(piece: Piece, room: number): string {
  if ('atomic' in piece) return '';
  let text = piece.lead + piece.open;
  const overhead = text.length + piece.close.length;
  if (overhead >= room) return '';
  let taken = 0;
  for (const unit of piece.units) {
    if (text.length + unit.length + piece.close.length > room) break;
    text += unit;
    taken++;
  }
  return taken === 0 ? '' : text + piece.close;
}

/**
 * Rich text as mrkdwn of at most `max` characters. When it does not fit, whole pieces are kept while
 * they fit, the first that does not is cut at a character boundary, and `…` marks the cut; links and
 * mentions are never cut in half (a broken `<@U…` would show as noise).
 */
export function renderMrkdwn(rich: RichText, max = Number.POSITIVE_INFINITY): string {
  const pieces = rich.map(pieceOf);
  const whole = pieces.map(full).join('');
  if (whole.length <= max) return whole;
  const budget = max - TRUNCATION_MARKER.length;
  let out = '';
  for (const piece of pieces) {
    const rendered = full(piece);
    if (out.length + rendered.length <= budget) {
      out += rendered;
      continue;
    }
    out += prefixWithin(piece, budget - out.length);
    break;
  }
  return out + TRUNCATION_MARKER;
}
