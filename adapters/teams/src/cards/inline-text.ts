import { readableMentions, type Inline, type RichText } from '@muster/core';
import { TEAMS_PREFIX } from '../teams-prefix';
import { TRUNCATION_MARKER } from './card-limits';
import type { MentionRegistry } from './mentions';
import { escapeUnits, oneLine, safeLinkUrl, type EscapeState } from './teams-markdown';

/**
 * One rendered inline piece. `units` can be cut between any two of them (each is the escape of one
 * source character); `open`/`close` wrap them (bold markers); an atomic piece (a link, a mention) is
 * kept whole or left out, since half a link or half an `<at>` tag would show as noise.
 */
interface Piece {
  readonly units: readonly string[];
  readonly open: string;
  readonly close: string;
  /** Spaces kept outside the markers: emphasis only works hugging non-space text. */
  readonly lead: string;
  readonly trail: string;
  readonly atomic: boolean;
  /** Person keys of the mentions in this piece. */
  readonly mentions: readonly string[];
}

export interface RenderedText {
  readonly text: string;
  /** Person keys of the Teams mentions the text contains; the card lists an entity for each. */
  readonly mentions: readonly string[];
}

interface RenderContext {
  readonly state: EscapeState;
  readonly registry: MentionRegistry;
}

const piece = (units: readonly string[], open = '', close = '', lead = '', trail = ''): Piece => ({ units, open, close, lead, trail, atomic: false, mentions: [] });
const atomic = (text: string, mentions: readonly string[] = []): Piece => ({ units: [text], open: '', close: '', lead: '', trail: '', atomic: true, mentions });
/** A mention token quoted in text (a timeline line) reads as a name and pings nobody. */
const plainPiece = (text: string, ctx: RenderContext): Piece => piece(escapeUnits(readableMentions(text), ctx.state));


function emphasis(text: string, marker: string, ctx: RenderContext): Piece {
  const line = oneLine(text);
  const lead = line.match(/^\s*/)?.[0] ?? '';
  const trail = line.slice(lead.length).match(/\s*$/)?.[0] ?? '';
  const inner = line.slice(lead.length, line.length - trail.length);
  if (inner === '') return plainPiece(line, ctx);
  ctx.state.lineStart = false;
  return piece(escapeUnits(inner, ctx.state), marker, marker, lead, trail);
}

/** Every kind of object inline core has, from its own type: a new kind in core fails to compile here until it has a renderer. */
type ObjectInline = Exclude<Inline, string>;
type InlineKey = ObjectInline extends infer T ? (T extends unknown ? keyof T : never) : never;
type InlineRenderers = { readonly [K in InlineKey]: (value: Extract<ObjectInline, Record<K, unknown>>[K], ctx: RenderContext) => Piece };

const RENDERERS: InlineRenderers = {
  bold: (text, ctx) => emphasis(text, '**', ctx),
  italic: (text, ctx) => emphasis(text, '_', ctx),
  /**
   * Teams cards have no inline code: a code span's backticks would show as typed while its content
   * was still parsed as markdown. So code is shown in literal (escaped) backticks around escaped text,
   * the same on every client, and reads as "type this" the way chat users write it.
   */
  code: (text, ctx) => {
    if (text === '') return piece([]);
    ctx.state.lineStart = false;
    return piece(escapeUnits(oneLine(text), ctx.state), '\\`', '\\`');
  },
  /** A command to type, with the Teams invocation: `@Muster postmortem done`. */
  command: (words, ctx) => RENDERERS.code(words ? `${TEAMS_PREFIX} ${words}` : TEAMS_PREFIX, ctx),
  link: ({ url, text }, ctx) => {
    const label = oneLine(text).trim() === '' ? url : oneLine(text);
    const destination = safeLinkUrl(url);
    if (!destination) return plainPiece(label, ctx);
    ctx.state.lineStart = false;
    return atomic(`[${escapeUnits(label, { lineStart: false }).join('')}](${destination})`);
  },
  mention: (person, ctx) => {
    const at = ctx.registry.atText(person);
    if (!at) return plainPiece(`@${person.name ?? person.id}`, ctx);
    ctx.state.lineStart = false;
    return atomic(at.text, [at.key]);
  },
};

function pieceOf(inline: Inline, ctx: RenderContext): Piece {
  if (typeof inline === 'string') return plainPiece(inline, ctx);
  for (const key of Object.keys(inline) as InlineKey[]) {
    const render = RENDERERS[key] as ((value: unknown, ctx: RenderContext) => Piece) | undefined;
    if (render) return render((inline as Record<string, unknown>)[key], ctx);
  }
  return piece([]);
}

function full(p: Piece): string {
  if (p.units.length === 0) return p.lead + p.trail;
  return p.lead + p.open + p.units.join('') + p.close + p.trail;
}

/** As much of a cuttable piece as fits in `room` characters ('' when nothing sensible fits). */
function prefixWithin(p: Piece, room: number): string {
  if (p.atomic) return '';
  let text = p.lead + p.open;
  if (text.length + p.close.length >= room) return '';
  let taken = 0;
  for (const unit of p.units) {
    if (text.length + unit.length + p.close.length > room) break;
    text += unit;
    taken++;
  }
  return taken === 0 ? '' : text + p.close;
}

/**
 * Rich text as one TextBlock's markdown of at most `max` characters. When it does not fit, whole
 * pieces are kept while they fit, the first that does not is cut between characters, and `…` marks
 * the cut; only the mentions that survive the cut are reported.
 */
export function renderRichText(rich: RichText, registry: MentionRegistry, max = Number.POSITIVE_INFINITY): RenderedText {
  const ctx: RenderContext = { state: { lineStart: true }, registry };
  // Adjacent strings are one text: an escape may depend on the next character (`<` then `at>`).
  const merged = rich.reduce<Inline[]>((all, inline) => {
    const last = all[all.length - 1];
    if (typeof inline === 'string' && typeof last === 'string') all[all.length - 1] = last + inline;
    else all.push(inline);
    return all;
  }, []);
  const pieces = merged.map((inline) => pieceOf(inline, ctx));
  const whole = pieces.map(full).join('');
  if (whole.length <= max) return { text: whole, mentions: pieces.flatMap((p) => p.mentions) };
  const budget = Math.max(0, max - TRUNCATION_MARKER.length);
  let text = '';
  const mentions: string[] = [];
  for (const p of pieces) {
    const rendered = full(p);
    if (text.length + rendered.length <= budget) {
      text += rendered;
      mentions.push(...p.mentions);
      continue;
    }
    text += prefixWithin(p, budget - text.length);
    break;
  }
  return { text: text.trimEnd() + TRUNCATION_MARKER, mentions };
}
